/** Chaînes françaises des grandes organisations : progression par section du chargement et de la capture, disposition incrémentale de la carte ; reprises dans fr.ts. Mêmes clés que large-org.en.ts. */
export const frLargeOrg = {
  // PROGRESS
  'large.progress.title.load': 'Lecture de l’instantané',
  'large.progress.title.capture': 'Lecture de l’organisation sur les serveurs',
  'large.progress.elapsed': '{seconds, number} s écoulées',
  'large.progress.partial': 'Tout est affiché sauf les utilisateurs ; les écrans les ajoutent dès qu’ils sont lus.',
  'large.progress.section': 'Section de l’instantané',
  'large.progress.objects': 'Objets',
  'large.progress.stateHeader': 'État',
  'large.progress.state.waiting': 'en attente',
  'large.progress.state.reading': 'en lecture',
  'large.progress.state.read': 'lue',
  'large.progress.state.partial': 'partielle',
  'large.progress.state.not-read': 'non lue',
  'large.progress.hide': 'Masquer',
  'large.progress.show': 'Afficher la progression',
  'large.progress.status': 'Lecture — {cmdlet} {count, number}…',
  'large.progress.statusDone': 'Lecture — {count, plural, one {# objet lu} other {# objets lus}} jusqu’ici…',
  // MAP
  // CAPTURE
  // LOAD
};
