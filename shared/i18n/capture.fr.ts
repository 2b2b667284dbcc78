/** Chaînes françaises de la capture selon les versions (mêmes clés que capture.en.ts). */
export const frCapture = {
  'ps.notAvailable': '{command} n’est pas disponible pour ce compte ou cette version dans {shell}',
  'capture.note.unavailable': '{cmdlet} n’est pas disponible pour ce compte ou cette version',
  'capture.note.unavailableBy': '{cmdlet} n’est pas disponible pour ce compte ou cette version (fournie par {providedBy})',
  'capture.note.failed': '{cmdlet} a échoué : {detail}',
  'capture.note.failedOn': '{cmdlet} sur {server} a échoué : {detail}',
  'capture.note.needsServers': '{cmdlet} s’interroge serveur Exchange par serveur, et la liste des serveurs (Get-ExchangeServer) n’a pas été lue',
  'capture.note.needsOrganization': '{cmdlet} sur le conteneur de l’organisation demande le nom de l’organisation (Get-OrganizationConfig), qui n’a pas été lu',
  'capture.note.localOnly': 'Get-CsCertificate ne répond que pour le serveur auquel la session est connectée ({server}) : les certificats des autres serveurs Skype Entreprise n’ont pas été lus',
  'capture.note.presented':
    '{count, plural, one {# certificat lu} other {# certificats lus}} dans les négociations TLS {servers, plural, one {d’# autre serveur} other {de # autres serveurs}} (SIP 5061, web 443), chacun attribué au serveur qui l’a présenté',
  'capture.note.presentedFailed': 'aucun certificat lu sur {server} port {port} : {detail}',
  'capture.note.unpaged': '{count, plural, one {# objet lu} other {# objets lus}} sous « {prefix} » en un seul appel',
  'capture.status.partial': 'partielle',
  'capture.status.not-read': 'non lue',
  'connections.form.error.lab': 'Un profil du labo s’écrit lab:?exchange=2010|2013|2016|2019&skype=2013|2015|2019&withhold=Cmdlet,Cmdlet (chaque partie est facultative)',
  'cli.capture.section': 'avertissement : {section} ({status}) : {text}',
  'cli.capture.labOptionsNeedLab': '--lab-versions et --lab-withhold demandent --endpoint lab',
  'cli.capture.badLabVersions': '--lab-versions {value} : attendu exchange=2010|2013|2016|2019,skype=2013|2015|2019 (l’un, l’autre ou les deux)',
  'cli.capture.badLabWithhold': '--lab-withhold {value} : attendu des noms de cmdlets séparés par des virgules (Get-UMService,Get-CsCertificate), 50 au plus',
  'profile.error.exchange.lab': 'Le profil du labo n’est pas valide : lab:?exchange=2010|2013|2016|2019&skype=2013|2015|2019&withhold=Cmdlet,Cmdlet (chaque partie est facultative)',
  'profile.error.skype.lab': 'Le profil du labo n’est pas valide : lab:?exchange=2010|2013|2016|2019&skype=2013|2015|2019&withhold=Cmdlet,Cmdlet (chaque partie est facultative)',
} as const;
