/** Chaînes françaises des tests synthétiques de messagerie vocale (Test-CsExUMConnectivity, Test-CsExUMVoiceMail, Test-UMConnectivity) ; reprises dans fr.ts. Mêmes clés que voicemail-test.en.ts. */
export const frVoicemailTest = {
  'voicemailTest.input.credentialName': 'Le nom d’utilisateur de test « {value} » n’est pas valide : de 1 à 64 lettres, chiffres, espaces, points, tirets ou traits bas.',
  'voicemailTest.input.account': 'Le compte « {value} » n’est pas valide : indiquez DOMAINE\\utilisateur ou utilisateur@domaine.',
  'voicemailTest.input.sip': 'L’adresse SIP « {value} » n’est pas valide : indiquez sip:utilisateur@domaine.',
  'voicemailTest.input.pool': 'Le pool « {value} » n’est pas un nom de domaine complet.',
  'voicemailTest.input.gateway': 'Indiquez la passerelle IP de messagerie unifiée par laquelle passe l’appel de test.',
  'voicemailTest.input.sameSender': 'Le test ne peut pas laisser de message à son propre expéditeur ({sip}) : Test-CsExUMVoiceMail demande un destinataire autre que l’utilisateur de test.',
  'voicemailTest.input.unknownCredential': 'Aucun utilisateur de test nommé « {name} » n’est enregistré. Ajoutez-le d’abord (compte, adresse SIP et mot de passe).',
  'voicemailTest.input.unknownUser': 'Aucun utilisateur {sip} dans l’organisation affichée.',
  'voicemailTest.input.noReceiver': 'Indiquez l’utilisateur dont le test appelle la messagerie vocale.',
  'voicemailTest.input.noPool': '{sip} n’a pas de pool d’inscription, l’utilisateur de test non plus : aucun pool à tester.',
  'voicemailTest.input.noPassword': 'Aucun mot de passe pour l’utilisateur de test « {name} » : enregistrez-le de nouveau, ou donnez-le dans UMC_TEST_PASSWORD.',
  'voicemailTest.refused': 'Le test de messagerie vocale ne peut pas s’exécuter ici : {reason}',
  'voicemailTest.confirmRequired': 'Test-CsExUMVoiceMail laisse un vrai message vocal dans la boîte aux lettres de {sip} : confirmez avant de le lancer.',
  'voicemailTest.cmdletError': 'Échec de {cmdlet} : {message}',
  'voicemailTest.noOutput': '{cmdlet} n’a renvoyé aucun objet résultat.',

  'voicemailTest.kind.passed.title': 'L’appel de test a atteint la messagerie vocale',
  'voicemailTest.kind.passed.explain': 'Skype Entreprise a transmis l’appel à la messagerie unifiée Exchange, qui y a répondu.',
  'voicemailTest.kind.signIn.title': 'L’utilisateur de test n’a pas pu se connecter',
  'voicemailTest.kind.signIn.explain':
    'Le serveur a refusé les informations d’identification de l’utilisateur de test (401 Unauthorized) avant tout appel. Vérifiez le compte et le mot de passe enregistrés, et que l’adresse SIP appartient au même compte. Le chemin d’appel lui-même n’a pas été testé.',
  'voicemailTest.kind.notSipEnabled.title': 'L’utilisateur n’est pas activé pour SIP',
  'voicemailTest.kind.notSipEnabled.explain':
    'Le pool d’inscription a répondu que l’utilisateur n’existe pas ou n’est pas activé pour Skype Entreprise (ms-diagnostics 4005). L’appel n’a jamais quitté le pool.',
  'voicemailTest.kind.noRoute.title': 'Aucune route de Skype Entreprise vers la messagerie unifiée Exchange',
  'voicemailTest.kind.noRoute.explain':
    'Le pool n’a trouvé aucun moyen de transmettre l’appel à la messagerie unifiée Exchange (ms-diagnostics 15030, « Failed to route to Exchange Server ») : pas de passerelle IP de messagerie unifiée pour le pool, ou une passerelle désactivée. ExchUcUtil.ps1 crée la passerelle ; Enable-UMIPGateway la réactive.',
  'voicemailTest.kind.rejected.title': 'La messagerie unifiée Exchange a refusé l’appel',
  'voicemailTest.kind.rejected.explain':
    'La messagerie unifiée Exchange a répondu mais a refusé l’appel (403 Forbidden) : elle n’a pu rattacher l’appel à aucun plan de numérotation de cette passerelle — pas de groupement de recherche pour le plan de numérotation de l’utilisateur, un plan de numérotation qui n’est pas de type URI SIP, ou une boîte aux lettres non activée pour la messagerie unifiée.',
  'voicemailTest.kind.tls.title': 'La connexion sécurisée vers la messagerie unifiée Exchange a échoué',
  'voicemailTest.kind.tls.explain':
    'La connexion TLS mutuelle entre le pool et le serveur de messagerie unifiée a échoué : un certificat expiré, non approuvé ou qui ne nomme pas le serveur, ou un réglage de sécurité VoIP qui ne correspond pas au mode de démarrage de la messagerie unifiée.',
  'voicemailTest.kind.unreachable.title': 'Aucun serveur de messagerie unifiée Exchange n’a répondu',
  'voicemailTest.kind.unreachable.explain':
    'L’appel est parti mais aucun serveur de messagerie unifiée n’a répondu à temps (408, ou erreur de socket 10060) : aucun serveur ne dessert le plan de numérotation, le service de messagerie unifiée est arrêté, ou un pare-feu bloque le port.',
  'voicemailTest.kind.unknown.title': 'Le test a échoué',
  'voicemailTest.kind.unknown.explain': 'La cmdlet a signalé un échec que la console ne reconnaît pas. La sortie brute ci-dessous donne la réponse du serveur.',

  'voicemailTest.result.passed': 'Réussi : {cmdlet} pour {sip} ({latency, number} ms).',
  'voicemailTest.result.failedAt': 'Échec à l’étape « {hop} » : {title}.',
  'voicemailTest.result.failedNoHop': 'Échec : {title}.',
  'voicemailTest.result.pathAgrees': 'Le chemin d’appel montre déjà cette étape en rouge.',
  'voicemailTest.result.pathDisagrees': 'L’organisation affichée ne montre aucun problème à cette étape : quelque chose a changé depuis la capture, ou la cause échappe à ce que la capture lit.',

  'voicemailTest.ui.screenNote':
    'Cherchez un utilisateur, lisez le verdict, transmettez le correctif au rôle indiqué : aucun correctif n’est exécuté depuis cet écran. La seule chose lancée ici est un appel de test vers la messagerie vocale, à votre demande.',
  'voicemailTest.ui.section': 'Tester par un vrai appel',
  'voicemailTest.ui.intro':
    'Lance la transaction synthétique de Skype Entreprise vers la messagerie vocale de cet utilisateur, au nom d’un utilisateur de test dont les informations d’identification sont enregistrées une fois.',
  'voicemailTest.ui.kind.voicemail': 'Laisser un message vocal de test (Test-CsExUMVoiceMail)',
  'voicemailTest.ui.kind.connectivity': 'Se connecter à la messagerie unifiée comme l’utilisateur de test (Test-CsExUMConnectivity)',
  'voicemailTest.ui.credential': 'Utilisateur de test',
  'voicemailTest.ui.noCredential': 'Aucun utilisateur de test enregistré.',
  'voicemailTest.ui.addCredential': 'Ajouter un utilisateur de test…',
  'voicemailTest.ui.removeCredential': 'Retirer',
  'voicemailTest.ui.form.name': 'Nom',
  'voicemailTest.ui.form.account': 'Compte (DOMAINE\\utilisateur)',
  'voicemailTest.ui.form.sip': 'Adresse SIP',
  'voicemailTest.ui.form.password': 'Mot de passe',
  'voicemailTest.ui.form.save': 'Enregistrer',
  'voicemailTest.ui.form.cancel': 'Annuler',
  'voicemailTest.ui.form.note': 'Le mot de passe est gardé par le magasin de clés du système et n’est plus jamais affiché.',
  'voicemailTest.ui.preview': 'Aperçu',
  'voicemailTest.ui.run': 'Lancer le test',
  'voicemailTest.ui.running': 'Test en cours…',
  'voicemailTest.ui.confirmTitle': 'Laisser un message vocal de test ?',
  'voicemailTest.ui.confirmText':
    'La commande ci-dessous s’exécute sur {target, select, lab {l’organisation de labo} other {les serveurs en production}}. Elle laisse un vrai message vocal dans la boîte aux lettres de {sip}, et le journal d’audit l’enregistre.',
  'voicemailTest.ui.confirm': 'Lancer',
  'voicemailTest.ui.raw': 'Sortie de la cmdlet',
  'voicemailTest.ui.command': 'Commande exécutée',
  'voicemailTest.ui.failedHop': 'Le test a échoué ici',

  'voicemailTest.checklist.run': 'Le prouver par un vrai appel',
  'voicemailTest.checklist.hint': 'Lance Test-CsExUMConnectivity comme l’utilisateur de test « {name} ».',
  'voicemailTest.checklist.noCredential': 'Enregistrez un utilisateur de test sur l’écran Utilisateurs pour prouver cette étape par un vrai appel.',

  'voicemailTest.cli.usage':
    'Utilisation : umc test-voicemail UTILISATEUR --test-user DOMAINE\\utilisateur --test-sip sip:test@domaine [--connectivity] [--yes]\n                          [--lab | --snapshot F | --exchange S --skype P [--user DOMAINE\\utilisateur]] [--json] [--lang en|fr]\n\nProuve par un vrai appel que la messagerie vocale d’UTILISATEUR répond : Test-CsExUMVoiceMail de l’utilisateur de test vers\nUTILISATEUR (laisse un message vocal dans sa boîte aux lettres : question posée sur un terminal, ou --yes), ou avec\n--connectivity Test-CsExUMConnectivity pour l’utilisateur de test lui-même. Le résultat est placé sur le chemin d’appel d’UTILISATEUR.\n  --test-user C     le compte de l’utilisateur de test ; son mot de passe vient de UMC_TEST_PASSWORD, sinon il est demandé\n                    sans écho (jamais sur la ligne de commande)\n  --test-sip S      l’adresse SIP de l’utilisateur de test (le même compte)\n  --lab             l’organisation de labo (par défaut)\n  --json            sortie JSON pour les scripts\n\nCodes de sortie : 0 réussi, 1 échec (l’étape est nommée), 2 entrée invalide (utilisateur inconnu, identifiants manquants).',
  'voicemailTest.cli.command':
    '  umc test-voicemail UTILISATEUR --test-user COMPTE --test-sip SIP\n                       prouver par un vrai appel que la messagerie vocale de l’utilisateur répond ; l’étape en échec',
  'voicemailTest.cli.user': 'Nommez un utilisateur : umc test-voicemail UTILISATEUR --test-user DOMAINE\\utilisateur --test-sip sip:test@domaine.',
  'voicemailTest.cli.testUser': 'Indiquez l’utilisateur de test : --test-user DOMAINE\\utilisateur et --test-sip sip:test@domaine.',
  'voicemailTest.cli.snapshot': 'Un fichier de capture n’a pas de serveur à appeler : utilisez --lab ou --exchange et --skype.',
  'voicemailTest.cli.passwordPrompt': 'Mot de passe de l’utilisateur de test {user} : ',
  'voicemailTest.cli.noPassword': 'Aucun mot de passe pour l’utilisateur de test {user} : définissez UMC_TEST_PASSWORD ou lancez depuis un terminal.',
  'voicemailTest.cli.confirm': 'Test-CsExUMVoiceMail laisse un message vocal dans la boîte aux lettres de {sip}. Le lancer ?',
  'voicemailTest.cli.notConfirmed': 'Non lancé : Test-CsExUMVoiceMail laisse un message vocal ; confirmez sur un terminal ou donnez --yes.',
  'voicemailTest.cli.commandHeading': 'Commande exécutée :',
  'voicemailTest.cli.rawHeading': 'Sortie de la cmdlet :',
  'voicemailTest.cli.hop': 'Étape : {hop}',
} as const;
