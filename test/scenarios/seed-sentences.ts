/**
 * The seed sentences the scenarios rest on, in French, exactly as the seeds say them (docs/sources.md
 * "The five source documents"). One place, so a sentence is written once and checked once: Markdown
 * markup of the seed (`**bold**`, `<br/>`, table pipes) is left out, the words and punctuation
 * (typographic apostrophes included) are the seed's. Cited as "seed NNN" with the sentence.
 */
export const SEED_SENTENCES = {
  // ---------------------------------------------------------------- seed 000 (deployment process, Skype for Business)
  /** The first deployment step: which Exchange versions integrate. */
  deployOneOf: 'Déployez l’un des éléments suivants :',
  exchange2010LatestSp: 'Microsoft Exchange Server 2010 ou le Service Pack le plus récent',
  addUmServerToDialPlan:
    'Pour qu’un serveur de messagerie unifiée récemment installé puisse répondre aux appels entrants et les traiter, vous devez ajouter le serveur de messagerie unifiée au plan de numérotation de la messagerie unifiée.',
  exchUcUtilPermissions:
    'Accorde à Skype Entreprise Server l’autorisation de lire les objets des services de domaine Active Directory de messagerie unie Exchange, en particulier les plans de numérotation SIP créés dans la tâche précédente.',
  exchUcUtilGatewayPerPool:
    'Crée un objet passerelle IP de messagerie unifiée dans Active Directory pour chaque pool Skype Entreprise Server Enterprise Edition ou serveur Standard Edition qui héberge des utilisateurs activés pour Voix Entreprise.',
  assignSipAddresses: 'Affectez des adresses SIP aux boîtes aux lettres Voix Entreprise utilisateurs qui utiliseront les fonctionnalités de messagerie ungée Exchange.',
  enableUsersForUm:
    'Sur le serveur de messagerie unifiée Exchange, assurez-vous qu’une stratégie de boîte aux lettres de messagerie unifiée a été créée et que chaque utilisateur dispose d’une attribution de numéro de poste unique, puis activez l’utilisateur pour la messagerie unifiée.',
  enableUsersForEnterpriseVoice: 'Activez les utilisateurs pour Voix Entreprise.',

  // ---------------------------------------------------------------- seed 001 (Exchange 2013 UM and Lync Server overview)
  addAllServersToSipDialPlan: 'Ajoutez tous les serveurs d’accès au client et de boîtes aux lettres au plan de numérotation SIP.',
  addAllServersToEverySipDialPlan:
    'Cependant, si vous avez plusieurs plans de numérotation URI SIP, vous devez ajouter tous les serveurs d’accès au client et les serveurs de boîtes aux lettres à tous les plans de numérotation URI SIP.',
  startupModeDual:
    'Définissez le mode de démarrage et le port d’écoute TLS sur les serveurs d’accès au client et de boîte aux lettres qui sont ajoutés au plan de numérotation URI SIP sur Double puis redémarrez le service de messagerie unifiée MicrosoftExchange sur chaque serveur de boîte aux lettres et le service MicrosoftExchange Unified Messaging Call Router sur chaque serveur d’accès au client.',
  exchUcUtilReadPermission:
    'Il donne la permission à Lync Server de lire les composants Active Directory de la messagerie unifiée Exchange, notamment le plan de numérotation URI SIP qui a été créé au cours de la tâche précédente.',

  // ---------------------------------------------------------------- seed 003 (plan to integrate Skype for Business and Exchange)
  s2sCertificates: 'Une fois que les serveurs sont opérationnels, vous devez affecter des certificats d’authentification de serveur à serveur à Skype Entreprise Server et Exchange Server',
  defaultCertAsOAuth: 'votre certificat par défaut peut également être utilisé comme certificat OAuthTokenIssuer.',
  oauthSubjectSipDomain: 'Le certificat inclut le nom de votre domaine SIP dans le champ Objet.',
  oauthSameOnEveryFrontEnd: 'Le même certificat est configuré en tant que certificat OAuthTokenIssuer sur tous vos serveurs frontaux.',
  oauthKey2048: 'La longueur du certificat est d’au moins 2 048 bits.',
  autodiscoverBeforeIntegration: 'Le service de découverte automatique doit être configuré avant de pouvoir intégrer des Skype Entreprise Server et Exchange Server.',
  autodiscoverEmpty: 'Si cette valeur est vide, vous devez affecter un URI au service de découverte automatique.',
  autodiscoverSvc:
    'Lors de l’exécution de cette commande, assurez-vous de spécifier l’URI du service de découverte automatique en cours d’exécution sur votre Exchange Server et d’utiliser autodiscover.svc pour pointer vers l’emplacement du service au lieu de autodiscover.xml (qui pointe vers le fichier XML utilisé par le service) :',
  integrationVersions: 'Pour plus d’informations sur l’intégration de Skype Entreprise Server à Exchange Server 2016 ou Exchange Server 2013, voir cette rubrique.',
  supportedPairs: 'Exchange 2016/2013/2010 (local) + Skype Entreprise Server (local)',
  partnerApplications: 'Configurer des applications partenaires dans Skype Entreprise Server et Microsoft Exchange Server',
} as const;

export type SeedSentence = keyof typeof SEED_SENTENCES;
