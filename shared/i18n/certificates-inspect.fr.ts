/** Chaînes françaises de l'inspection des certificats dans un worker (progression, annulation) et du contrôle d'intégrité des fichiers hors archive ; mêmes clés que certificates-inspect.en.ts. */
import type { enCertificatesInspect } from './certificates-inspect.en';

export const frCertificatesInspect: Record<keyof typeof enCertificatesInspect, string> = {
  'cert.read.cancelled': 'l\u2019inspection a été annulée avant la lecture de ce fichier',
  'cert.read.workerFailed': 'le lecteur de certificats s\u2019est arrêté de façon inattendue ({detail})',
  'certificates.inspect.error.cancelled': 'Annulé',
  'certificates.inspect.progress': '{done, plural, one {# inspecté} other {# inspectés}} sur {total} — lecture de {file}',
  'certificates.inspect.progressIdle': '{done, plural, one {# inspecté} other {# inspectés}} sur {total}',
  'certificates.inspect.cancel': 'Annuler',
  'cli.cert.interrupted': 'interrompu : {done, plural, one {# fichier inspecté} other {# fichiers inspectés}}, {cancelled, plural, one {# non lu} other {# non lus}}',
  'integrity.refused.changed':
    '{file} n\u2019est pas le fichier avec lequel cette version de la console a été construite (son SHA-256 diffère)\u00a0: il a été modifié après l\u2019installation. Réinstallez la console\u00a0; le fichier n\u2019est pas exécuté.',
  'integrity.refused.missing': '{file} manque dans l\u2019installation\u00a0: réinstallez la console.',
  'integrity.refused.not-listed': '{file} ne fait pas partie des fichiers livrés avec cette version de la console\u00a0: il n\u2019est pas exécuté.',
  // ---- racines approuvées (umc check --trusted-roots, le paramètre trustedRootsFile)
  'certificates.trustedRoots.unreadable': 'Le fichier des racines approuvées {file} est illisible\u00a0: {detail}',
  'certificates.trustedRoots.empty':
    'Le fichier des racines approuvées {file} ne contient aucun certificat\u00a0: donnez un paquet PEM (blocs -----BEGIN CERTIFICATE-----), par exemple le magasin Cert:\\LocalMachine\\Root des serveurs exporté.',
  'cli.check.trustedRoots': 'Racines approuvées ajoutées : {count, plural, one {# certificat} other {# certificats}} depuis {file}',
} as const;
