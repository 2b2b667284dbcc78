/** Chaînes françaises du test de connexion (mêmes clés que connection-test.en.ts) ; étalées dans fr.ts. */
import type { enConnectionTest } from './connection-test.en';

export const frConnectionTest: Record<keyof typeof enConnectionTest, string> = {
  'connectTest.status.ok': 'réussi',
  'connectTest.status.warning': 'avertissement',
  'connectTest.status.error': 'erreur',
  'connectTest.status.not-judged': 'non jugé',
  'connectTest.lab': 'Point de terminaison de labo\u00a0: aucun serveur, rien à vérifier ici.',
  'connectTest.os.other': 'ce système',
  'connectTest.powershell': 'PowerShell {version} ({edition}) sous {os}',
  'connectTest.trust.system': 'les certificats racines de confiance de cet ordinateur',
  'connectTest.trust.file': 'le fichier d’autorités fourni au test',

  'connectTest.wsman.title': 'Client de communication à distance Windows (WSMan) du PowerShell local',
  'connectTest.wsman.noPowerShell': 'Aucun PowerShell n’a été trouvé sur cet ordinateur\u00a0: aucune session ne peut être ouverte.',
  'connectTest.wsman.noPowerShell.fix':
    'Sous Windows, la console utilise Windows PowerShell 5.1, fourni avec Windows. Ailleurs, lancez `node scripts/setup-powershell.mjs` (PowerShell 7 en outil .NET) ou indiquez un PowerShell dans UMC_PWSH.',
  'connectTest.wsman.notAsked': '{executable} n’a pas pu être interrogé\u00a0: {error}',
  'connectTest.wsman.notAsked.fix': 'Vérifiez que ce PowerShell démarre seul (lancez-le avec -NoProfile), ou indiquez-en un autre dans UMC_PWSH.',
  'connectTest.wsman.present': '{powershell} dispose d’un client WSMan\u00a0: il peut ouvrir les sessions distantes Exchange et Skype Entreprise.',
  'connectTest.wsman.presentService': '{found} Le service WinRM est à l’état {state}.',
  'connectTest.wsman.absent':
    '{powershell} n’a pas de bibliothèque cliente WSMan\u00a0: il ne peut pas ouvrir les sessions Exchange Management Shell ni Skype Entreprise (ce sont des points de terminaison de communication à distance Windows). New-PSSession -ConnectionUri répond\u00a0: « {message} »',
  'connectTest.wsman.unknown': 'Impossible de savoir si {powershell} dispose d’un client WSMan\u00a0: New-PSSession -ConnectionUri a répondu « {message} ».',
  'connectTest.wsman.absent.fix':
    'Exécutez la console sur un serveur de rebond Windows\u00a0: elle y utilise Windows PowerShell 5.1, dont le client WinRM est celui pour lequel les points de terminaison Exchange et Skype Entreprise sont faits. Pour essayer la console ici, utilisez le point de terminaison de labo (lab:).',
  'connectTest.wsman.lab':
    'Le point de terminaison de labo s’exécute dans le PowerShell de la console\u00a0: aucune communication à distance Windows n’est nécessaire. Pour de vrais serveurs\u00a0: {found}',
  'connectTest.wsman.serviceStopped': '{found} Mais le service WinRM est à l’état {state}\u00a0: la communication à distance Windows échoue tant qu’il ne s’exécute pas.',
  'connectTest.wsman.serviceStopped.fix': 'En tant qu’administrateur, démarrez le service WinRM et faites-le démarrer avec Windows.',

  'connectTest.kerberos-ip.title': 'Serveurs désignés par leur FQDN (Kerberos exige un nom, pas une adresse)',
  'connectTest.kerberos-ip.ok': '{hosts}\u00a0: des noms, comme l’exige Kerberos (il trouve le service par son nom, HTTP/<fqdn>).',
  'connectTest.kerberos-ip.found':
    'Un point de terminaison est donné par une adresse IP. Kerberos ne prend pas en charge les adresses IP\u00a0: WinRM utilise alors NTLM, qui ne fonctionne qu’en HTTPS ou avec le serveur dans TrustedHosts, et avec des informations d’identification explicites.',
  'connectTest.kerberos-ip.kerberos': '{shell}\u00a0: {host} est une adresse IP, et le point de terminaison Exchange s’ouvre uniquement avec Kerberos\u00a0: WinRM la refuse.',
  'connectTest.kerberos-ip.noCredential':
    '{shell}\u00a0: {host} est une adresse IP et le profil se connecte avec l’identité Windows (sans informations d’identification)\u00a0: NTLM exige des informations d’identification explicites.',
  'connectTest.kerberos-ip.ntlm':
    '{shell}\u00a0: {host} est une adresse IP\u00a0: NTLM avec les informations d’identification enregistrées, en HTTPS, et le certificat du pool doit alors porter cette adresse.',
  'connectTest.kerberos-ip.fix': 'Indiquez dans le profil les noms complets (ex01.contoso.com, pool01.contoso.com), tels que les certificats et les SPN des serveurs les portent.',

  'connectTest.jump-host.title': 'Cet ordinateur dans le domaine (Kerberos), ou HTTPS / TrustedHosts',
  'connectTest.jump-host.notWindows':
    'Jugé uniquement sous Windows, où la console ouvre ses sessions\u00a0: l’appartenance au domaine, le ticket Kerberos du compte connecté et TrustedHosts sont des réglages de Windows.',
  'connectTest.jump-host.ok': 'Membre du domaine {domain}, session ouverte dans {userDomain} en tant que {account}\u00a0: Kerberos peut être utilisé.',
  'connectTest.jump-host.localAccount': 'Cet ordinateur est dans {domain}, mais {account} est un compte local (USERDNSDOMAIN n’est pas défini)\u00a0: il n’a pas de ticket Kerberos pour les serveurs.',
  'connectTest.jump-host.localAccount.fix': 'Ouvrez la session avec un compte du domaine, ou enregistrez des informations d’identification (DOMAINE\\utilisateur) dans le profil.',
  'connectTest.jump-host.workgroup': 'Cet ordinateur n’est pas membre d’un domaine (groupe de travail {workgroup})\u00a0: Kerberos ne peut pas être utilisé avec l’identité Windows.',
  'connectTest.jump-host.workgroup.fix':
    'Exécutez la console sur un serveur de rebond membre du domaine, ou enregistrez des informations d’identification (DOMAINE\\utilisateur) dans le profil\u00a0; le serveur Exchange (HTTP) doit alors aussi figurer dans la liste TrustedHosts de cet ordinateur.',
  'connectTest.jump-host.where.local': 'connecté avec le compte local {account}',
  'connectTest.jump-host.where.workgroup': 'hors domaine (groupe de travail {workgroup})',
  'connectTest.jump-host.credentialOk': 'Cet ordinateur est {where}\u00a0: les informations d’identification enregistrées sont utilisées, en HTTPS ou vers des serveurs de TrustedHosts ({trusted}).',
  'connectTest.jump-host.notTrusted': 'Cet ordinateur est {where}\u00a0: un serveur joint en HTTP doit figurer dans TrustedHosts\u00a0; {hosts} n’y est pas (TrustedHosts\u00a0: « {trusted} »).',
  'connectTest.jump-host.trustedHostsUnread':
    'Cet ordinateur est {where}\u00a0: un serveur joint en HTTP ({hosts}) doit figurer dans TrustedHosts, qui n’a pas pu être lu (le service WinRM s’exécute-t-il\u00a0?).',
  'connectTest.jump-host.notTrusted.fix':
    'En tant qu’administrateur, ajoutez {hosts} à TrustedHosts (la valeur remplace la liste\u00a0: elle reprend les entrées actuelles), ou indiquez le point de terminaison Exchange par un URI https://.',

  'connectTest.certificate.exchange.title': 'Le certificat du point de terminaison Exchange est approuvé',
  'connectTest.certificate.skype.title': 'Le certificat des services web du pool Skype Entreprise est approuvé',
  'connectTest.certificate.notTried': '{host} n’a pas été contacté.',
  'connectTest.certificate.unreachable': '{host}:{port} n’a pas répondu\u00a0: {error}',
  'connectTest.certificate.timeout': '{host}:{port} n’a pas répondu à temps\u00a0: {error}',
  'connectTest.certificate.unreachable.fix': 'Vérifiez que {host} se résout depuis cet ordinateur et que le port TCP {port} vers lui est ouvert.',
  'connectTest.certificate.handshake': 'La négociation TLS avec {host}:{port} a échoué\u00a0: {error}',
  'connectTest.certificate.handshake.fix': 'Vérifiez que {host}:{port} est bien l’hôte des services web du pool (IIS) et qu’un certificat y est lié.',
  'connectTest.certificate.found': '{host}:{port} a présenté « {subject} », émis par « {issuer} », valable jusqu’au {notAfter}, pour {names}.',
  'connectTest.certificate.name': '{found} Il ne porte pas le nom {host}\u00a0: la session serait refusée.',
  'connectTest.certificate.name.fix':
    'Connectez-vous avec un nom que porte le certificat, ou faites réémettre le certificat web du pool avec {host} parmi ses noms et attribuez-le sur chaque serveur frontal (Set-CsCertificate -Type WebServicesInternal).',
  'connectTest.certificate.untrusted': '{found} Sa chaîne n’est pas approuvée par {trust}\u00a0: {reason}.',
  'connectTest.certificate.untrusted.fix':
    'Importez le certificat racine de l’autorité de « {issuer} » dans les Autorités de certification racines de confiance de cet ordinateur (certlm.msc, ou Import-Certificate -CertStoreLocation Cert:\\LocalMachine\\Root), puis relancez le test.',
  'connectTest.certificate.expired': '{found} Il n’est pas valide aujourd’hui\u00a0: {reason}.',
  'connectTest.certificate.expired.fix':
    'Renouvelez le certificat web du pool auprès de son autorité (« {issuer} ») et attribuez-le sur chaque serveur frontal (Set-CsCertificate -Type WebServicesInternal).',
  'connectTest.certificate.ok': '{found} Approuvé par {trust}.',

  'connectTest.crl.exchange.title': 'Les listes de révocation du certificat Exchange peuvent être téléchargées',
  'connectTest.crl.skype.title': 'Les listes de révocation (CRL) du certificat du pool peuvent être téléchargées',
  'connectTest.crl.noCertificate': 'Le certificat de {host} n’a pas pu être lu\u00a0: ses listes de révocation n’ont pas été téléchargées.',
  'connectTest.crl.none':
    '« {subject} » n’indique aucun point de distribution de CRL\u00a0: sa révocation ne peut pas être vérifiée, et la communication à distance la vérifie sauf indication contraire.',
  'connectTest.crl.none.fix': 'Faites publier par l’autorité un point de distribution de CRL dans les certificats qu’elle émet, puis renouvelez le certificat.',
  'connectTest.crl.item.ok': '{url} (pour « {subject} ») : téléchargée, {bytes, plural, one {# octet} other {# octets}}, prochaine mise à jour {nextUpdate}',
  'connectTest.crl.item.unreachable': '{url} (pour « {subject} »)\u00a0: inaccessible\u00a0: {error}',
  'connectTest.crl.item.timeout': '{url} (pour « {subject} »)\u00a0: pas de réponse à temps\u00a0: {error}',
  'connectTest.crl.item.http-error': '{url} (pour « {subject} »)\u00a0: le serveur a répondu HTTP {status}',
  'connectTest.crl.item.not-a-crl': '{url} (pour « {subject} »)\u00a0: ce qui a été reçu n’est pas une CRL\u00a0: {error}',
  'connectTest.crl.item.not-fetched': '{url} (pour « {subject} »)\u00a0: non téléchargée (LDAP\u00a0: accessible seulement depuis un membre du domaine)',
  'connectTest.crl.ok': 'Toutes les listes de révocation que la chaîne indique en HTTP ont été téléchargées ({count}), et aucun certificat de la chaîne n’y figure.',
  'connectTest.crl.onlyLdap': 'La chaîne n’indique ses listes de révocation qu’en LDAP\u00a0: elles n’ont pas été téléchargées d’ici.',
  'connectTest.crl.unreachable':
    '{count, plural, one {# liste de révocation n’a pas pu être téléchargée} other {# listes de révocation n’ont pas pu être téléchargées}}, et pour {subjects} aucune : Windows ne peut pas savoir si le certificat est révoqué, et la communication à distance en HTTPS refuse la session.',
  'connectTest.crl.someUnreachable':
    '{count, plural, one {# liste de révocation n’a pas pu être téléchargée} other {# listes de révocation n’ont pas pu être téléchargées}} ; chaque certificat en garde une qui l’a été.',
  'connectTest.crl.unreachable.fix':
    'Permettez à cet ordinateur de joindre {hosts} en HTTP (proxy, pare-feu), ou faites publier la CRL là où il peut la joindre. New-PSSessionOption -SkipRevocationCheck existe, mais la console ne saute pas cette vérification.',
  'connectTest.crl.revoked': 'L’autorité a révoqué {subjects}\u00a0: la session sera refusée.',
  'connectTest.crl.revoked.fix': 'Émettez un nouveau certificat pour le pool et attribuez-le sur chaque serveur frontal (Set-CsCertificate -Type WebServicesInternal).',

  'connectTest.rbac.exchange.title': 'Exchange\u00a0: les rôles du compte accordent toutes les cmdlets qu’utilise la console',
  'connectTest.rbac.skype.title': 'Skype Entreprise\u00a0: les rôles du compte accordent toutes les cmdlets qu’utilise la console',
  'connectTest.rbac.on': '{version}, en tant que {account}',
  'connectTest.rbac.notTried': 'Le {shell} n’a pas été ouvert\u00a0: {reason}',
  'connectTest.rbac.notTried.above': 'voir les vérifications ci-dessus.',
  'connectTest.rbac.badEndpoint': 'le point de terminaison n’est pas valide.',
  'connectTest.rbac.noWsman': 'ce PowerShell n’a pas de client WSMan (première vérification).',
  'connectTest.rbac.failed': 'Le {shell} n’a pas pu être ouvert\u00a0: {error}',
  'connectTest.rbac.failed.fix.auth': 'Vérifiez le nom d’utilisateur et le mot de passe, et que le compte a le droit d’utiliser PowerShell à distance sur le serveur.',
  'connectTest.rbac.failed.fix.unreachable': 'Vérifiez le nom et le chemin réseau vers le serveur (Exchange\u00a0: TCP 80\u00a0; pool Skype Entreprise\u00a0: TCP 443).',
  'connectTest.rbac.failed.fix.import': 'Aucune des cmdlets qu’utilise la console n’est accordée au compte\u00a0: demandez un rôle (voir les rôles dans la section Prérequis du README).',
  'connectTest.rbac.failed.fix.no-wsman': 'Voir la première vérification\u00a0: ce PowerShell n’a pas de client WSMan.',
  'connectTest.rbac.failed.fix.other': 'Corrigez ce que signalent les vérifications ci-dessus, puis relancez le test.',
  'connectTest.rbac.ok': '{shell} : {count, plural, one {la # cmdlet qu’utilise la console a été importée} other {les # cmdlets qu’utilise la console ont été importées}} ({on}).',
  'connectTest.rbac.versionOnly':
    '{shell} : toutes les cmdlets dont le compte a besoin ont été importées ({on}) ; {count} sur {total} {count, plural, one {n’existe} other {n’existent}} pas dans cette version, et la console lit sans {count, plural, one {elle} other {elles}}.',
  'connectTest.rbac.missing':
    '{shell} : il manque au compte {count} {total, plural, one {de la # cmdlet} other {des # cmdlets}} qu’utilise la console ({on}) ; ce qu’elles lisent sera indiqué comme non lu.',
  'connectTest.rbac.item.role': '{cmdlet}\u00a0: non accordée — lit {sections}\u00a0; accordée par {roles}',
  'connectTest.rbac.item.version': '{cmdlet}\u00a0: absente de {version} (seulement {versions}) — aucun rôle n’y change rien',
  'connectTest.rbac.item.either': '{cmdlet}\u00a0: non importée — absente de cette version, ou non accordée\u00a0; lit {sections}\u00a0; existe dans {versions}\u00a0; accordée par {roles}',
  'connectTest.rbac.theAccount': 'le compte avec lequel la console se connecte',
  'connectTest.rbac.versionUnknown': 'version inconnue',
  'connectTest.rbac.item.unknown': '{cmdlet}\u00a0: non importée — lit {sections}',
  'connectTest.rbac.fix.exchange': 'Demandez à un administrateur Exchange d’ajouter {account} au groupe de rôles {roles} (Organization Management en a le droit).',
  'connectTest.rbac.fix.skype':
    'Demandez à un administrateur Skype Entreprise d’ajouter {account} au groupe Active Directory {roles} (chaque rôle RBAC est le groupe de sécurité universel du même nom).',

  'connectTest.screen.button': 'Tester la connexion',
  'connectTest.screen.running': 'Test de {name} en cours…',
  'connectTest.screen.title': 'Test de connexion\u00a0: {name}',
  'connectTest.screen.testedAt': 'Testé le {time}',
  'connectTest.screen.summary':
    '{ok, plural, one {# réussi} other {# réussis}} · {warnings, plural, one {# avertissement} other {# avertissements}} · {errors, plural, one {# erreur} other {# erreurs}} · {notJudged, plural, one {# non jugé} other {# non jugés}}',
  'connectTest.screen.fix': 'Que faire',
  'connectTest.screen.source': 'Rédigé d’après',
  'connectTest.screen.close': 'Fermer',
  'connectTest.screen.error': 'Le test n’a pas pu être lancé\u00a0: {message}',
  'connectTest.screen.hint': 'Vérifie cet ordinateur, les certificats des serveurs et les rôles du compte avant que la console lise l’organisation. Rien n’est modifié.',

  'readNotes.title': 'Ce que la dernière lecture n’a pas pu lire',
  'readNotes.intro': 'Ces sections n’ont pas été lues en entier\u00a0; les règles qui en ont besoin disent « non jugé », jamais un faux constat.',
  'readNotes.status.partial': 'partielle',
  'readNotes.status.not-read': 'non lue',
  'readNotes.section': 'Section de l’instantané',
  'readNotes.note': 'Pourquoi',
  'readNotes.cmdlet': 'Applet de commande',
  'readNotes.providedBy': 'Fournie par',
  'readNotes.none': 'Toutes les sections ont été lues.',

  'status.readIssues': '{count, plural, one {# section partielle ou non lue} other {# sections partielles ou non lues}} : détails',

  'cli.connectTest.usage':
    'Utilisation : umc connect-test --exchange SERVEUR --skype POOL [--user DOMAINE\\utilisateur] [--ca FICHIER] [--json] [--lang en|fr]\n\nVérifie ce dont une connexion en direct a besoin, chaque point avec sa correction : le client WSMan du PowerShell local, Kerberos et les adresses IP, cet ordinateur dans le domaine (ou HTTPS / TrustedHosts), le certificat web du pool et ses CRL, les rôles du compte pour chaque cmdlet qu’utilise la console.\n  --exchange SERVEUR  FQDN du serveur Exchange ou URI PowerShell (lab: pour le point de terminaison de labo)\n  --skype POOL       FQDN du pool Skype Entreprise ou URI PowerShell\n  --user DOMAINE\\utilisateur des informations d’identification au lieu de Kerberos ; le mot de passe vient de UMC_PASSWORD ou est demandé dans un terminal\n  --ca FICHIER          autorités PEM pour vérifier les certificats (par défaut : le magasin du système)\n  --json             sortie JSON pour les scripts\n  --lang en|fr       langue des messages\nCode de sortie : 0 toutes les vérifications réussies ou non jugées, 1 un avertissement ou une erreur, 2 entrée incorrecte.',
  'cli.connectTest.needsEndpoints': 'connect-test a besoin de --exchange et --skype',
  'cli.connectTest.badEndpoint': '{option} {value}\u00a0: {reason}',
  'cli.connectTest.readCa': 'impossible de lire le fichier d’autorités {file}\u00a0: {detail}',
  'cli.connectTest.summary':
    '{profile} : {ok, plural, one {# réussi} other {# réussis}}, {warnings, plural, one {# avertissement} other {# avertissements}}, {errors, plural, one {# erreur} other {# erreurs}}, {notJudged, plural, one {# non jugé} other {# non jugés}}',
  'cli.connectTest.fix': 'Correction\u00a0:',
  'cli.connectTest.source': 'Source\u00a0:',
};
