/** Chaînes françaises du lecteur d'instantanés tolérant (mêmes clés que snapshot-read.en.ts). */
export const frSnapshotRead = {
  'snapshot.note.object': '{section}[{index}] (sans nom)',
  'snapshot.note.objectNamed': '{section}[{index}] « {label} »',
  'snapshot.note.objectSkipped': '{object} a été ignoré : {problem}',
  'snapshot.note.valueSkipped': '{object} : {problem} ; cette valeur a été laissée vide',
  'snapshot.note.moreSkipped': '{count} autres objets ou valeurs de {section} n’ont pas pu être lus',
  'snapshot.note.sectionAbsent': 'l’instantané n’a pas de section {section} ({command}) : non lue',
  'snapshot.note.sectionShape': 'la section {section} n’est pas un objet avec un tableau « objects » : non lue',
  'snapshot.note.badStatus': 'la section {section} a un statut inconnu, {status} : considérée comme partielle',
  'snapshot.note.badNote': 'la note {index} de la section {section} n’est pas lisible et a été écartée',
  'snapshot.note.duplicates': '{count} objets renvoyés plusieurs fois n’ont été comptés qu’une fois (même {key})',
  'snapshot.note.servicesUnknown':
    '{count} certificats sont arrivés sans Services (à distance, un ExchangeCertificate ne transporte que ses RawData) : leurs liaisons UM et UMCallRouter viennent de l’UMCertificateThumbprint de Get-UMService et de Get-UMCallRouterSettings ; leurs autres services sont inconnus à distance',
  'snapshot.note.umBindingUnknown':
    'les liaisons UM de {count} certificats n’ont pas pu être lues (pas de serveur, ou pas d’UMCertificateThumbprint de Get-UMService / Get-UMCallRouterSettings) : {certificates}',
  'snapshot.noServer': 'le serveur est inconnu (l’objet n’a aucune de ces propriétés : {sources})',
  'snapshot.wrongRole': '{where} est un service {role}, pas un service {expected}',
  'snapshot.expect.version': 'une version d’Exchange (« Version 15.1 (Build 2375.7) » ou {Major, Minor, Build, Revision})',
  'checks.needs.notRead': 'non jugée, faute d’avoir pu lire {sections}',
  'cli.check.notJudged': 'Non jugées ({count}) : une section dont elles ont besoin n’a pas été lue',
  'cli.check.notJudgedRule': '{rule}  non jugée, faute d’avoir pu lire {sections}',
} as const;
