/** Chaînes françaises de l’éditeur de contacts ; reprises dans fr.ts. Mêmes clés que contact-editor.en.ts. */
export const frContactEditor = {
  'contactEditor.applied':
    'Appliqué\u00a0: {count, plural, one {# applet de commande exécutée} other {# applets de commande exécutées}}\u00a0; le contact ci-dessous est tel que le serveur le détient maintenant.',
  'contactEditor.field.enterpriseVoiceEnabled': 'Activé pour Voix Entreprise',
  'contactEditor.issue.R-C-14.voiceOff.subscriberAccess': 'Désactiver Voix Entreprise pour {contact} coupe l’accès à Outlook Voice Access depuis Skype Entreprise.',
  'contactEditor.issue.R-C-14.voiceOff.autoAttendant': 'Désactiver Voix Entreprise pour {contact} coupe l’accès à son standard automatique depuis Skype Entreprise.',
  'contactEditor.field.displayName': 'Nom complet',
  'contactEditor.field.displayNameHelp': 'Fixé par le serveur\u00a0: aucune applet de commande *-CsExUmContact ne prend de nom complet, la console ne peut donc pas le changer.',
  'contactEditor.preview.changes': 'Ce qui change',
  'contactEditor.preview.property': 'Propriété',
  'contactEditor.preview.now': 'Maintenant',
  'contactEditor.preview.after': 'Après',
  'contactEditor.preview.absent': '(aucune valeur)',
  'contactEditor.preview.removed': '(supprimé)',
  'contactEditor.loading.org': 'Lecture de l’organisation…',
  'contactEditor.loading.powershell': 'Démarrage de PowerShell pour le point de terminaison de laboratoire…',
  'contactEditor.loading.directory': 'Lecture de l’annuaire\u00a0: unités d’organisation, groupes RTC, compte utilisé…',
  'contactEditor.loading.listShown': 'La liste est affichée\u00a0; vérification des droits de modification…',
};
