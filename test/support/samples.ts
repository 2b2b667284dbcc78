/**
 * The real captures under test/fixtures/samples/, turned into what the console's host would hand the
 * decoder:
 * - CliXml (`*-clixml-*.txt`, Export-Clixml files): read back with real PowerShell's Import-Clixml and
 *   converted with `ConvertTo-Json -Depth 4`, as umc-host.ps1 converts what a session returns;
 * - Format-List text (`*-fl-*.txt`, as Microsoft's pages print it): parsed into objects whose values
 *   are the printed strings (`{a, b}` a list, empty a null).
 * Each sample starts with `source:` / `note:` lines; the CliXml ones have their SerializationData
 * blobs replaced by a placeholder (valid base64 is put back) and some are truncated (closed here).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths';

export const SAMPLES_DIR = join(ROOT, 'test', 'fixtures', 'samples');

export function sampleFiles(kind: 'clixml' | 'fl'): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.includes(`-${kind}-`) && f.endsWith('.txt'))
    .sort();
}

/** The sample's own text, without its leading `source:` / `note:` lines. */
export function sampleBody(file: string): string {
  const lines = readFileSync(join(SAMPLES_DIR, file), 'utf8').split(/\r?\n/);
  let i = 0;
  while (i < lines.length && (/^(source|note):/.test(lines[i]) || lines[i].trim() === '')) i++;
  return lines.slice(i).join('\n');
}

// ---------------------------------------------------------------- CliXml

/** Closes the elements a truncated sample leaves open (innermost first), so Import-Clixml reads what is there. */
export function closeTruncatedXml(xml: string): string {
  const open: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w.]*)(?:\s[^>]*?)?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      if (open.at(-1) === name) open.pop();
      else throw new Error(`unbalanced </${name}>`);
    } else open.push(name);
  }
  return (
    xml +
    open
      .reverse()
      .map((n) => `</${n}>`)
      .join('\n')
  );
}

/** The CliXml of a sample, ready for Import-Clixml. */
export function clixmlOf(file: string): string {
  // "[base64 BinaryFormatter blob elided]": three zero bytes stand in (the decoder ignores SerializationData).
  return closeTruncatedXml(sampleBody(file).replace(/\[base64 BinaryFormatter blob elided\]/g, 'AAAA'));
}

/**
 * Every CliXml sample through `Import-Clixml | ConvertTo-Json -Depth 4` in one PowerShell process:
 * file name → the JSON array of its objects.
 */
export function clixmlSamplesAsJson(pwsh: string, files: readonly string[]): Map<string, unknown[]> {
  const dir = mkdtempSync(join(tmpdir(), 'umc-samples-'));
  try {
    const pairs = files.map((f, i) => {
      writeFileSync(join(dir, `${i}.xml`), clixmlOf(f));
      return [join(dir, `${i}.xml`), join(dir, `${i}.json`)];
    });
    const script = [
      "$ErrorActionPreference = 'Stop'",
      ...pairs.map(([xml, json]) => `ConvertTo-Json -InputObject @(Import-Clixml -LiteralPath '${xml}') -Depth 4 -WarningAction SilentlyContinue | Set-Content -LiteralPath '${json}' -Encoding utf8`),
    ].join('\n');
    const r = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', script], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`pwsh exited ${r.status}: ${r.stderr}`);
    return new Map(files.map((f, i) => [f, JSON.parse(readFileSync(pairs[i][1], 'utf8')) as unknown[]]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The values a sample's `<ToString>` prints for `[Thumbprint]` (X509Certificate2.ToString(true) layout). */
export function printedThumbprints(file: string): string[] {
  return [...sampleBody(file).matchAll(/\[Thumbprint\]_x000D__x000A_\s+([0-9A-F]{40})_x000D__x000A_/g)].map((m) => m[1]);
}

// ---------------------------------------------------------------- Format-List

export type PrintedValue = string | string[] | null;
export type PrintedObject = Record<string, PrintedValue>;

/** `PS> Get-CsCertificate`, `Get-Mailbox TestUser1 | Format-List …`: a command the page shows before its output. */
const COMMAND = /^(PS>\s*)?[A-Z][a-z]+-[A-Za-z]+(\s|$)/;
/** `Name : value`, `Name :value`, `Name :` (Format-List pads the name, then ` : `). */
const PROPERTY = /^([A-Za-z][A-Za-z0-9_]*)\s+:\s?(.*)$/;

function finish(raw: string): PrintedValue {
  const v = raw.trim();
  if (v === '') return null;
  if (v.startsWith('{') && v.endsWith('}')) {
    return v
      .slice(1, -1)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return v;
}

/**
 * The objects of a Format-List sample. Output that is not a list (tables, bare values) is left out.
 * A line that does not start a property continues the previous value (the console wrapped it; a
 * wrap inside a word, after `-` or `,`, is joined without a space). A property seen twice starts the
 * next object.
 */
export function formatListObjects(file: string): PrintedObject[] {
  const out: PrintedObject[] = [];
  let current: Record<string, string> | null = null;
  let key = '';
  let inList: boolean | null = null;
  const flush = () => {
    if (current && Object.keys(current).length > 0) out.push(Object.fromEntries(Object.entries(current).map(([k, v]) => [k, finish(v)])));
    current = null;
  };
  for (const line of sampleBody(file).split('\n')) {
    if (COMMAND.test(line)) {
      flush();
      inList = null;
      continue;
    }
    if (line.trim() === '') continue;
    const m = PROPERTY.exec(line);
    if (inList === null) inList = m !== null;
    if (!inList) continue;
    if (m) {
      if (current && m[1] in current) flush();
      current ??= {};
      key = m[1];
      current[key] = m[2];
    } else if (current) {
      const prev = current[key].trimEnd();
      const next = line.trim();
      current[key] = /[-,]$/.test(prev) || prev === '' ? prev + next : `${prev} ${next}`;
    }
  }
  flush();
  return out;
}
