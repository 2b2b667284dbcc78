/** Chaînes françaises de la surveillance des passerelles conservée entre redémarrages, de ses constats et du profil TLS par cible ; reprises dans fr.ts. Mêmes clés que gateway-history.en.ts. */
export const frGatewayHistory = {
  'rule.monitor.addressChanged.title': 'Adresse d’un homologue SIP changée depuis sa première résolution',
  'gatewayHistory.finding.notAnswering':
    '{gateway} ({target}) n’a pas répondu à sa dernière requête SIP OPTIONS ({answer, select, sipError {erreur SIP} timeout {pas de réponse à temps} refused {connexion refusée} dnsError {nom non résolu} tlsError {échec de la négociation TLS} protocolError {réponse non SIP} other {{status}}}, adresse {lastAddress}) : la messagerie unifiée Exchange journalise l’événement 1088 (1400 sur certaines versions) et n’achemine plus d’appel par cet homologue. Preuve : la surveillance des passerelles, dernière sonde {minutes, plural, =0 {il y a moins d’une minute} one {il y a # minute} other {il y a # minutes}}.',
  'gatewayHistory.finding.sharedAddress':
    '{gateway} ({target}) se résout en {address}, qui est aussi l’adresse de {others} : la messagerie unifiée Exchange ne distingue pas deux homologues approuvés sur une même adresse et journalise l’événement 1175. Preuve : la surveillance des passerelles, dernière sonde {minutes, plural, =0 {il y a moins d’une minute} one {il y a # minute} other {il y a # minutes}}.',
  'gatewayHistory.finding.addressChanged':
    '{gateway} ({host}) se résout maintenant en {after}, et non plus en {before} comme à sa première résolution : la messagerie unifiée Exchange garde la première adresse jusqu’au redémarrage de MSExchangeUM et MSExchangeUMCR. Preuve : la surveillance des passerelles, dernière sonde {minutes, plural, =0 {il y a moins d’une minute} one {il y a # minute} other {il y a # minutes}}.',
  'gatewayHistory.notice.refused':
    'L’historique de surveillance des passerelles conservé dans {file} est inutilisable (fichier étranger à la console, autre version ou fichier endommagé) : l’historique repart vide et la prochaine sonde remplace le fichier.',
  'gatewayHistory.kept': 'Conservé des sessions précédentes : {count, plural, one {# cible} other {# cibles}}, dernière sonde {time}',
  'gatewayHistory.cli.monitorHistory':
    'Surveillance des passerelles : {fresh, plural, one {# homologue SIP jugé} other {# homologues SIP jugés}} d’après {file}, dernière sonde {minutes, plural, =0 {il y a moins d’une minute} one {il y a # minute} other {il y a # minutes}}',
  'gatewayHistory.cli.monitorStale':
    'Surveillance des passerelles : l’historique de {file} date de plus de {hours, plural, one {# heure} other {# heures}} (dernière sonde {time}) : R-G-10 attend toujours une sonde',
  'gatewayHistory.cli.monitorRefused': 'Historique de surveillance des passerelles {file} non utilisé : {reason}',
  'gatewayHistory.cli.notFound': '--monitor-history {file} : fichier introuvable',
  'gatewayHistory.cli.refusedFile': '--monitor-history {file} n’est pas un historique de surveillance des passerelles de cette console : {reason}',
  'gatewayHistory.cli.monitorHistoryOption':
    '--monitor-history FICHIER  l’historique de surveillance des passerelles qui juge R-G-10, R-G-08 sur les FQDN\n                       et les adresses changées depuis leur première résolution (par défaut : celui de la\n                       console, dans le dossier des données utilisateur) ; une preuve de plus de 2 heures\n                       n’est pas utilisée (docs/live-sessions.md, « Gateways over time »)',
  'gatewayHistory.profile.unreadable': '{what, select, ca {Le paquet d’autorités de certification} other {Le certificat client}} {file} du profil TLS est illisible ({detail})',
  'gatewayHistory.profile.badPfx': '{file} ne s’ouvre pas comme certificat client PKCS#12 (PFX) avec le mot de passe donné ({detail})',
  'gatewayHistory.profile.empty': 'Un profil TLS pour {target} demande un paquet d’autorités de certification, un certificat client, ou les deux',
  'gatewayHistory.profile.notTls': '{target} n’est pas une cible TLS : un profil TLS ne s’applique qu’aux cibles sips: et ;transport=tls',
  'gatewayHistory.profile.button': 'Profil TLS…',
  'gatewayHistory.profile.title': 'Profil TLS de {target}',
  'gatewayHistory.profile.help':
    'La sonde de cette cible fait confiance aux autorités du paquet (au lieu des racines du système) et présente le certificat client quand l’homologue en demande un. Le mot de passe va dans le coffre des secrets et n’est plus jamais affiché.',
  'gatewayHistory.profile.caFile': 'Autorités de certification à approuver (fichier PEM)',
  'gatewayHistory.profile.clientPfx': 'Certificat client pour le TLS mutuel (fichier PFX)',
  'gatewayHistory.profile.password': 'Mot de passe du PFX',
  'gatewayHistory.profile.passwordKept': 'Un mot de passe est conservé dans le coffre des secrets : laissez vide pour le garder',
  'gatewayHistory.profile.choose': 'Choisir…',
  'gatewayHistory.profile.save': 'Enregistrer',
  'gatewayHistory.profile.remove': 'Supprimer le profil',
  'gatewayHistory.profile.cancel': 'Annuler',
  'gatewayHistory.profile.summaryCa': 'autorités {file} ({count, plural, one {# certificat} other {# certificats}})',
  'gatewayHistory.profile.summaryPfx': 'certificat client {file}',
  'gatewayHistory.profile.none': 'racines du système, aucun certificat client',
  'gatewayHistory.explain.tlsUntrusted':
    'le certificat de {host} ({subject}) n’est pas approuvé ({detail}) : l’autorité qui l’a émis est inconnue — indiquez son paquet d’autorités dans le profil TLS de la cible, ou installez-la dans les racines approuvées',
  'gatewayHistory.explain.tlsClientCert':
    '{address}:{port} a refusé la session TLS au certificat client ({detail}) : l’homologue exige un certificat client émis par une autorité qu’il approuve (TLS mutuel) — fournissez-en un (PFX) dans le profil TLS de la cible, ou vérifiez que son émetteur figure dans les racines approuvées de l’homologue',
} as const;
