/**
 * English left in a French rendering. The list holds English words that are not French words and
 * that no org value, cmdlet or parameter of the lab carries on its own (a cmdlet name such as
 * `Remove-CsExUmContact` or a parameter such as `-Enabled` is one token and never matches). Used by
 * the i18n table test, the CLI's French run of every command and the browser's French run of every
 * screen: each gives the text a French reader sees and expects no word of this list in it.
 */
const ENGLISH_ONLY = [
  // function words
  'the',
  'and',
  'of',
  'with',
  'without',
  'is',
  'are',
  'was',
  'were',
  'been',
  'has',
  'have',
  'not',
  'from',
  'for',
  'this',
  'that',
  'these',
  'those',
  'which',
  'when',
  'where',
  'will',
  'would',
  'cannot',
  'should',
  'must',
  'each',
  'every',
  'there',
  'their',
  'its',
  'into',
  'only',
  'than',
  // words of the console that were seen untranslated
  'users',
  'files',
  'warnings',
  'warning',
  'errors',
  'error',
  'findings',
  'finding',
  'checked',
  'computers',
  'disabled',
  'enabled',
  'topology',
  'loading',
  'expires',
  'thumbprint',
  'create',
  'remove',
  'delete',
  'edit',
  'cancel',
  'close',
  'save',
  'copy',
  'search',
  'refused',
  'read',
  'applied',
  'missing',
  'unknown',
  'running',
  'starting',
  'steps',
  'step',
  'done',
  // seen in French usage texts and panels before the ICU move
  'show',
  'hide',
  'details',
  'server',
  'servers',
  'target',
  'domain',
  'because',
  'why',
  'what',
] as const;

const ENGLISH = new Set<string>(ENGLISH_ONLY);

/**
 * Tokens are runs of letters with inner hyphens, apostrophes or dots, so `Set-UMService`, `-Enabled`,
 * `sip:ex.umc@litwareinc.com` and `atl-cs-001` are one token each and only bare words are judged.
 */
const TOKEN = /[-$@:\\/]?[\p{L}\p{N}_]+(?:[-.'’@:\\/][\p{L}\p{N}_]+)*/gu;

/** Product and role names keep their English form in French (Microsoft's French docs write them so). */
const PROPER_NAMES =
  /(?:Skype for Business|Skype Entreprise|Exchange|Lync|Windows) Server|Skype for Business|Management Shell|Subscriber Access|Auto Attendant|Front End|Enterprise Voice|Unified Messaging|Organization Management|Lync Server/g;

/** The English words of `text` (each once, in order of appearance), except those in `allow`. */
export function englishWordsIn(text: string, allow: readonly string[] = []): string[] {
  const allowed = new Set(allow.map((w) => w.toLowerCase()));
  const found: string[] = [];
  for (const m of text.replace(PROPER_NAMES, ' ').matchAll(TOKEN)) {
    const token = m[0];
    if (/^[-$@:\\/]/.test(token)) continue;
    const word = token.toLowerCase();
    if (ENGLISH.has(word) && !allowed.has(word) && !found.includes(token)) found.push(token);
  }
  return found;
}
