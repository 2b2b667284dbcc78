/** English strings of large orgs: load and capture progress per section, the map's incremental layout; spread into en.ts. Same keys in large-org.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enLargeOrg = {
  // PROGRESS
  'large.progress.title.load': 'Reading the snapshot',
  'large.progress.title.capture': 'Reading the org from the servers',
  'large.progress.elapsed': '{seconds, number} s elapsed',
  'large.progress.partial': 'Everything but the users is shown; the screens add the users when they are read.',
  'large.progress.section': 'Section',
  'large.progress.objects': 'Objects',
  'large.progress.stateHeader': 'State',
  'large.progress.state.waiting': 'waiting',
  'large.progress.state.reading': 'reading',
  'large.progress.state.read': 'read',
  'large.progress.state.partial': 'partial',
  'large.progress.state.not-read': 'not read',
  'large.progress.hide': 'Hide',
  'large.progress.show': 'Show the progress',
  'large.progress.status': 'Reading — {cmdlet} {count, number}…',
  'large.progress.statusDone': 'Reading — {count, plural, one {# object} other {# objects}} so far…',
  // MAP
  // CAPTURE
  // LOAD
};
