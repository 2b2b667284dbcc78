/** Chaînes françaises de `umc user` / `umc users check` ; mêmes clés que users-service.en.ts. */
import type { enUsersService } from './users-service.en';

export const frUsersService: Record<keyof typeof enUsersService, string> = {
  'cli.users.usage': 'users attend check\u00a0: umc users check [--csv FICHIER] [--json] [--out rapport.html|rapport.csv]',
  'cli.users.query': 'user attend une REQUÊTE\u00a0: un nom, une adresse SIP, une adresse e-mail, un poste ou un numéro (préfixe)',
  'cli.users.sourceConflict': '--snapshot ne peut pas être utilisé avec --exchange et --skype',
  'cli.users.noMatch': 'aucun utilisateur ne correspond à {query}',
  'cli.users.works': 'La messagerie vocale fonctionnera.',
  'cli.users.fails': 'La messagerie vocale ne fonctionnera pas\u00a0: {reason}',
  'cli.users.atRisk': 'La messagerie vocale est à risque\u00a0: {reason}',
  'cli.users.more': '(+{count, plural, one {# autre} other {# autres}})',
  'cli.users.risk': 'À RISQUE',
  'cli.users.hop': 'sur le chemin de l\u2019appel ({hop})',
  'cli.users.fix': 'correctif\u00a0:',
  'cli.users.who': 'qui\u00a0:',
  'cli.users.summary': '{checked, plural, one {# utilisateur vérifié} other {# utilisateurs vérifiés}} : {working} fonctionneront, {failing} non, {atRisk} à risque',
  'cli.users.notFound': 'aucun utilisateur ne correspond à {query} (du CSV)',
  'cli.users.reportWritten': 'rapport écrit dans {file}',
  'users.export.noCheck': "Rien à exporter pour l'instant\u00a0: lancez d'abord une vérification",
  'users.error.notFound': "Aucun utilisateur {sip} dans {source}\u00a0: relancez la recherche (l'organisation a pu changer)",
};
