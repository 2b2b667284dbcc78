/**
 * Textes français des protections des profils de connexion : un mot de passe que le magasin de clés
 * du système ne peut pas protéger, le rôle d’un profil comme décision d’administrateur.
 * Les mêmes clés que connection-security.en.ts.
 */
import type { enConnectionSecurity } from './connection-security.en';

export const frConnectionSecurity: Record<keyof typeof enConnectionSecurity, string> = {
  'secrets.unavailable.no-encryption':
    'Aucun mot de passe ne peut être enregistré ni relu\u00a0: ce système n’offre aucun chiffrement pour cela. Utilisez Kerberos (l’identité Windows en cours), ou saisissez le mot de passe à la demande (umc --user).',
  'secrets.unavailable.no-keyring':
    'Aucun mot de passe ne peut être enregistré ni relu\u00a0: cette session Linux n’a pas de trousseau, et Electron le garderait sous une clé écrite dans son propre code (son magasin « basic_text »), lisible par quiconque lit le fichier de paramètres. Installez et déverrouillez gnome-keyring (libsecret) ou KWallet, puis redémarrez la console\u00a0; ou utilisez Kerberos.',
  'profile.error.role.session':
    'Seule une session Administrateur peut rendre un profil administrateur\u00a0: cette console est en session Support (lecture seule) depuis la connexion du profil Support {profile}. Redémarrez la console et connectez un profil administrateur, ou demandez à un administrateur.',
  'profile.error.role.policy':
    'Le fichier de stratégie {file}, déployé par un administrateur, fixe cette console au rôle Support (lecture seule)\u00a0: aucun profil ne peut y être administrateur. Enregistrez-le en Support, ou demandez à un administrateur.',
};
