/**
 * `umc diff OLD NEW [--json] [--lang en|fr]`: what changed between two snapshot files (docs/changes.md):
 * the objects added, removed and changed by cmdlet, then the findings appeared and resolved with the
 * change that caused each. `--json` prints the SnapshotDiffResult (shared/snapshot/snapshot-diff.ts).
 *
 * Exit codes: 0 no change, 1 changes, 2 bad input (a missing or malformed file: one line on stderr naming it).
 */
import type { Language } from '../../shared/i18n/translate';
import { diffText } from '../../shared/snapshot/snapshot-diff-text';
import { compareSnapshotFiles } from '../services/snapshot-compare';
import { cliError, languageOption, scanArgs } from './cli-args';

export interface DiffIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

interface DiffOptions {
  files: string[];
  json: boolean;
  lang: Language | null;
}

export function parseDiff(args: readonly string[]): DiffOptions & { files: [string, string] } {
  const o: DiffOptions = { files: [], json: false, lang: null };
  scanArgs(args, {
    option: (a) => {
      if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--lang') o.lang = languageOption(a);
      else return false;
      return true;
    },
    positional: (f) => o.files.push(f),
  });
  if (o.files.length < 2) throw cliError('diff.cli.missingFiles');
  if (o.files.length > 2) throw cliError('diff.cli.tooManyFiles', { count: o.files.length });
  return { ...o, files: [o.files[0]!, o.files[1]!] };
}

export async function runDiff(args: readonly string[], io: DiffIo, systemLanguage: Language): Promise<number> {
  const o = parseDiff(args);
  const lang = o.lang ?? systemLanguage;
  const result = await compareSnapshotFiles(o.files[0], o.files[1]);
  io.out(o.json ? JSON.stringify(result, null, 2) + '\n' : diffText(lang, result) + '\n');
  return result.hasChanges ? 1 : 0;
}
