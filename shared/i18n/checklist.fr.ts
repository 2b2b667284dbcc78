/** Chaînes françaises de la liste de déploiement (shared/checklist/) et de `umc checklist`, mêmes clés que checklist.en.ts. */
import type { enChecklist } from './checklist.en';

export const frChecklist: Record<keyof typeof enChecklist, string> = {
  'checklist.status.done': 'fait',
  'checklist.status.not-done': 'non fait',
  'checklist.status.partly': 'en partie',
  'checklist.status.not-judged': 'non évalué',
  'checklist.progress': '{done, plural, one {# étape faite} other {# étapes faites}} sur {total}',
  'checklist.versions': 'Étapes pour {exchange} avec {skype}',

  'checklist.role.RTCUniversalUserAdmins': 'RTCUniversalUserAdmins (administrateurs des utilisateurs Skype Entreprise)',
  'checklist.role.RTCUniversalServerAdmins': 'RTCUniversalServerAdmins (administrateurs des serveurs Skype Entreprise)',
  'checklist.role.ExchangeRecipientAdministrator': 'Administrateur de destinataires Exchange',
  'checklist.role.ExchangeOrganizationAdministrator': 'Gestion de l\u2019organisation Exchange',
  'checklist.role.DomainAccountAdministrator': 'Administrateur du domaine',
  'checklist.role.ExchangeUmAdministrator': 'Administrateur Exchange (gestion de la messagerie unifiée)',
  'checklist.role.CertificateAdministrator': 'Administrateur de certificats (l\u2019autorité de certification approuvée par les serveurs Skype)',
  'checklist.role.GatewayAdministrator': 'Administrateur de l\u2019équipement passerelle',

  'checklist.step.exchange.um-servers.title': 'Déployer les serveurs Exchange de messagerie unifiée',
  'checklist.step.exchange.um-servers.what.ex2010':
    'Installer les rôles Exchange 2010 (dernier Service Pack) Messagerie unifiée, Transport Hub, Accès client et Boîte aux lettres, dans la forêt Skype ou une forêt configurée pour l\u2019utiliser. Aucune boîte aux lettres à extension messagerie unifiée ne doit rester sur un serveur Exchange 2019 (sans messagerie unifiée).',
  'checklist.step.exchange.um-servers.what.ex2013':
    'Installer les rôles Exchange 2013/2016 Accès client et Boîte aux lettres (le routeur d\u2019appels et le service de messagerie unifiée), dans la forêt Skype ou une forêt configurée pour l\u2019utiliser. Aucune boîte aux lettres à extension messagerie unifiée ne doit rester sur un serveur Exchange 2019 (sans messagerie unifiée).',
  'checklist.step.exchange.um-servers.instructions.ex2010':
    'Exécuter le programme d\u2019installation d\u2019Exchange sur chaque serveur (un administrateur de l\u2019entreprise pour le premier serveur Exchange de l\u2019organisation). Vérifier que chaque serveur a le rôle UnifiedMessaging.',
  'checklist.step.exchange.um-servers.instructions.ex2013':
    'Exécuter le programme d\u2019installation d\u2019Exchange sur chaque serveur (un administrateur de l\u2019entreprise pour le premier serveur Exchange de l\u2019organisation). Déplacer les boîtes aux lettres à extension messagerie unifiée hors des serveurs Exchange 2019 (New-MoveRequest).',
  'checklist.step.exchange.certificates.title': 'Installer des certificats d\u2019une autorité de certification approuvée',
  'checklist.step.exchange.certificates.what':
    'Chaque serveur Exchange de messagerie unifiée reçoit un certificat émis par une autorité dont la racine est approuvée par les serveurs Skype (pas auto-signé), au nom de domaine complet du serveur, sans caractère générique dans le sujet\u00a0: le TLS mutuel entre la messagerie unifiée et Skype en dépend.',
  'checklist.step.exchange.certificates.instructions':
    'Demander pour chaque serveur de messagerie unifiée un certificat à l\u2019autorité utilisée par les serveurs Skype (New-ExchangeCertificate -GenerateRequest, puis Import-ExchangeCertificate), avec le nom de domaine complet du serveur dans le sujet ou la liste SAN et sans caractère générique dans le sujet.',
  'checklist.step.exchange.certificate-services.title': 'Activer les certificats pour la messagerie unifiée et le routeur d\u2019appels',
  'checklist.step.exchange.certificate-services.what.ex2010': 'Chaque serveur de messagerie unifiée Exchange 2010 a un certificat activé pour le service UM (Enable-ExchangeCertificate -Services UM).',
  'checklist.step.exchange.certificate-services.what.ex2013':
    'Chaque serveur de boîtes aux lettres a un certificat activé pour UM et chaque serveur d\u2019accès au client un certificat activé pour UMCallRouter (Enable-ExchangeCertificate -Services UM,UMCallRouter).',
  'checklist.step.um.sip-dial-plan.title': 'Créer un plan de numérotation URI SIP',
  'checklist.step.um.sip-dial-plan.what':
    'Un plan de numérotation de messagerie unifiée de type URI SIP porte les appels Skype\u00a0; tout plan de numérotation lié à un pool Skype doit être URI SIP, avec un nom qu\u2019Exchange accepte.',
  'checklist.step.um.dial-plan-security.title': 'Configurer la sécurité du plan de numérotation SIP',
  'checklist.step.um.dial-plan-security.what':
    'Le plan de numérotation SIP est Sécurisé ou SIP sécurisé, en accord avec le chiffrement de la configuration multimédia des pools Skype (Sécurisé quand le chiffrement est requis, la valeur par défaut).',
  'checklist.step.um.servers-in-dial-plan.title': 'Ajouter les serveurs de messagerie unifiée au plan de numérotation SIP',
  'checklist.step.um.servers-in-dial-plan.what.ex2010': 'Chaque serveur de messagerie unifiée Exchange 2010 répond à chaque plan de numérotation URI SIP (Set-UMServer -DialPlans).',
  'checklist.step.um.servers-in-dial-plan.what.ex2013':
    'Chaque service de messagerie unifiée et chaque routeur d\u2019appels répond à chaque plan de numérotation URI SIP (Set-UMService / Set-UMCallRouterSettings -DialPlans).',
  'checklist.step.um.startup-mode.title': 'Passer le mode de démarrage à Double et redémarrer les services',
  'checklist.step.um.startup-mode.what.ex2010':
    'Les serveurs de messagerie unifiée qui répondent à un plan de numérotation SIP sécurisé démarrent en mode Double (TCP et TLS) (Set-UMServer -UMStartupMode Dual).',
  'checklist.step.um.startup-mode.what.ex2013':
    'Les services de messagerie unifiée et les routeurs d\u2019appels qui répondent à un plan de numérotation SIP démarrent en mode Double (Set-UMService / Set-UMCallRouterSettings -UMStartupMode Dual).',
  'checklist.step.um.startup-mode.instructions.ex2010':
    'Après la modification, redémarrer le service Microsoft Exchange Unified Messaging (MSExchangeUM) sur chaque serveur, sur le serveur lui-même\u00a0: Restart-Service MSExchangeUM. Les appels en cours sont coupés.',
  'checklist.step.um.startup-mode.instructions.ex2013':
    'Après la modification, redémarrer MSExchangeUM sur chaque serveur de boîtes aux lettres et MSExchangeUMCR sur chaque serveur d\u2019accès au client, sur le serveur lui-même\u00a0: Restart-Service MSExchangeUM / Restart-Service MSExchangeUMCR. Les appels en cours sont coupés.',
  'checklist.step.um.sip-addresses.title': 'Attribuer les adresses SIP aux boîtes aux lettres',
  'checklist.step.um.sip-addresses.what': 'La boîte aux lettres de chaque utilisateur Voix Entreprise porte son adresse SIP et relève d\u2019un plan de numérotation URI SIP.',
  'checklist.step.um.exchucutil.title': 'Exécuter ExchUcUtil.ps1',
  'checklist.step.um.exchucutil.what.ex2010':
    'Ce que fait ExchUcUtil.ps1 (dossier Scripts d\u2019Exchange 2010)\u00a0: les groupes Skype peuvent lire les conteneurs de la messagerie unifiée, une passerelle IP de messagerie unifiée par pool hébergeant des utilisateurs Voix Entreprise, un groupement de postes par plan de numérotation SIP dont l\u2019identificateur pilote est le nom du plan.',
  'checklist.step.um.exchucutil.what.ex2013':
    'Ce que fait ExchUcUtil.ps1 (V15\\Scripts sur un serveur de boîtes aux lettres)\u00a0: les groupes Skype peuvent lire les conteneurs de la messagerie unifiée, une passerelle IP de messagerie unifiée par pool hébergeant des utilisateurs Voix Entreprise, un groupement de postes par plan de numérotation SIP dont l\u2019identificateur pilote est le nom du plan.',
  'checklist.step.um.outcalls.title': 'Garder les appels sortants sur une seule passerelle IP',
  'checklist.step.um.outcalls.what':
    'Les appels sortants sont désactivés sur toutes les passerelles IP de messagerie unifiée d\u2019un plan de numérotation sauf celle qu\u2019ExchUcUtil a créée (jamais celle d\u2019un directeur ni d\u2019un équipement de succursale).',
  'checklist.step.um.gateways.title': 'Créer et configurer les passerelles IP de messagerie unifiée',
  'checklist.step.um.gateways.what':
    'Chaque passerelle IP de messagerie unifiée est activée, sur une adresse qui lui est propre, et désignée par son nom de domaine complet quand le plan de numérotation est sécurisé (le TLS exige le nom dans le certificat).',
  'checklist.step.gateway.device.title': 'Configurer les équipements passerelles',
  'checklist.step.gateway.device.what':
    'Chaque passerelle VoIP, PBX IP ou SBC que représente une passerelle IP de messagerie unifiée envoie ses appels aux serveurs Exchange (sa propre configuration, que la console ne voit pas).',
  'checklist.step.gateway.device.instructions':
    'Dans l\u2019interface d\u2019administration de l\u2019équipement\u00a0: les serveurs Exchange comme homologues SIP, le port et le transport de la passerelle IP, les numéros pilotes des groupements de postes. Puis vérifier que la passerelle répond (écran Passerelles\u00a0: SIP OPTIONS).',
  'checklist.step.skype.dial-plan-fqdn.title': 'Créer les plans de numérotation Skype nommés comme le FQDN des plans UM',
  'checklist.step.skype.dial-plan-fqdn.what':
    'Avec Exchange 2010 avant le SP1\u00a0: un plan de numérotation Voix Entreprise nommé comme le nom de domaine complet de chaque plan de numérotation de messagerie unifiée (inutile à partir d\u2019Exchange 2010 SP1).',
  'checklist.step.skype.ocsumutil.title': 'Exécuter OcsUmUtil.exe',
  'checklist.step.skype.ocsumutil.what.lync2013':
    'Ce que fait OcsUmUtil.exe (%CommonProgramFiles%\\Microsoft Lync Server 2013\\Support)\u00a0: un contact Accès abonné par numéro Outlook Voice Access et un contact Standard automatique par standard automatique, activés pour Voix Entreprise. À exécuter en tant que membre de RTCUniversalServerAdmins et de RTCUniversalUserAdmins.',
  'checklist.step.skype.ocsumutil.what.sfb2015':
    'Ce que fait OcsUmUtil.exe (%CommonProgramFiles%\\Skype for Business Server 2015\\Support)\u00a0: un contact Accès abonné par numéro Outlook Voice Access et un contact Standard automatique par standard automatique, activés pour Voix Entreprise. À exécuter en tant que membre de RTCUniversalServerAdmins et de RTCUniversalUserAdmins.',
  'checklist.step.oauth.certificate.title': 'Affecter le certificat de serveur à serveur (OAuthTokenIssuer)',
  'checklist.step.oauth.certificate.what': 'Le même certificat OAuthTokenIssuer sur chaque serveur frontal, d\u2019au moins 2\u00a0048 bits, avec le domaine SIP dans son sujet.',
  'checklist.step.oauth.autodiscover.title': 'Configurer la découverte automatique pour Skype',
  'checklist.step.oauth.autodiscover.what':
    'Chaque serveur d\u2019accès au client a un AutoDiscoverServiceInternalUri, et la configuration OAuth de Skype pointe vers …/autodiscover/autodiscover.svc (Set-CsOAuthConfiguration, par RTCUniversalServerAdmins).',
  'checklist.step.oauth.partner-applications.title': 'Configurer les applications partenaires',
  'checklist.step.oauth.partner-applications.what':
    'L\u2019application partenaire Exchange côté Skype (confiance totale, URL de métadonnées de la découverte automatique) et l\u2019application partenaire Skype côté Exchange (URL de métadonnées d\u2019un pool frontal).',
  'checklist.step.skype.enterprise-voice.title': 'Activer les utilisateurs pour Voix Entreprise',
  'checklist.step.skype.enterprise-voice.what':
    'Chaque utilisateur dont la boîte aux lettres a l\u2019extension messagerie unifiée est un utilisateur Skype activé pour Voix Entreprise (et, avec la messagerie vocale hébergée, a une stratégie de messagerie vocale hébergée).',
  'checklist.step.um.enable-users.title': 'Activer la messagerie unifiée pour les utilisateurs Voix Entreprise',
  'checklist.step.um.enable-users.what':
    'Chaque utilisateur Voix Entreprise a une boîte aux lettres à extension messagerie unifiée, avec une stratégie de boîte aux lettres et un numéro de poste qui lui est propre, de la longueur du plan de numérotation.',

  'checklist.missing.noUmServer':
    'Aucun serveur Exchange n\u2019exécute la messagerie unifiée (rôle Messagerie unifiée d\u2019Exchange 2010, ou serveur de boîtes aux lettres ou d\u2019accès au client Exchange 2013/2016).',
  'checklist.missing.noSipDialPlan': 'Aucun plan de numérotation de messagerie unifiée n\u2019est de type URI SIP.',
  'checklist.missing.noAnsweringServer': 'Aucun serveur de messagerie unifiée ne répond à un plan de numérotation URI SIP.',
  'checklist.missing.noPoolGateway': 'Aucune passerelle IP de messagerie unifiée ne désigne un pool Skype\u00a0: ExchUcUtil.ps1 n\u2019a pas été exécuté.',
  'checklist.missing.noContacts': 'Aucun contact de messagerie unifiée Exchange n\u2019existe pour les numéros Outlook Voice Access et les standards automatiques.',
  'checklist.missing.noEvUser': 'Aucun utilisateur n\u2019est activé pour Voix Entreprise.',
  'checklist.missing.noUmMailbox': 'Aucune boîte aux lettres n\u2019a l\u2019extension messagerie unifiée.',
  'checklist.missing.notRead': 'Non évalué, faute d’avoir lu {sections}.',
  'checklist.missing.device': 'Passerelle {name} ({address})\u00a0: la configuration de l\u2019équipement n\u2019est pas visible de la console\u00a0; la vérifier sur l\u2019équipement.',
  'checklist.missing.more': '… et {count} de plus.',

  'checklist.export.title': 'Plan de modifications',
  'checklist.export.generated': 'Généré le {when}',
  'checklist.export.source': 'Organisation\u00a0: {source}, lue le {readAt}',
  'checklist.export.nothing': 'Toutes les étapes sont faites\u00a0: rien à modifier.',
  'checklist.export.col.order': 'N°',
  'checklist.export.col.step': 'Étape',
  'checklist.export.col.status': 'État',
  'checklist.export.col.role': 'Qui',
  'checklist.export.col.rules': 'Règles',
  'checklist.export.col.missing': 'Ce qui manque',
  'checklist.export.col.kind': 'Fait par',
  'checklist.export.col.commands': 'Commandes',
  'checklist.export.col.manual': 'À la main',
  'checklist.export.col.check': 'Vérification',
  'checklist.export.kind.cmdlet': 'la console (cmdlets)',
  'checklist.export.kind.manual': 'à la main',
  'checklist.export.more': '… et {count} de plus (l\u2019export CSV les liste tous)',
  'checklist.export.meanwhile': 'Pendant ce temps\u00a0: {text}',

  'cli.checklist.usage': 'utilisation : umc checklist [--snapshot FICHIER | --exchange SERVEUR --skype POOL [--user DOMAINE\\utilisateur]] [--json] [--lang en|fr]',
  'cli.checklist.servers': '--exchange et --skype vont ensemble (--user exige les deux)\u00a0; --snapshot ne peut pas les accompagner',
  'cli.checklist.rules': 'règles\u00a0: {rules}',
  'cli.checklist.who': 'qui\u00a0: {role}',
  'cli.checklist.manual': 'à la main\u00a0: {text}',
  'cli.checklist.check': 'vérification\u00a0: {command}',
  'cli.checklist.action': 'action : {kind}, {count, plural, one {# constat} other {# constats}} : umc fix {rules}',
};
