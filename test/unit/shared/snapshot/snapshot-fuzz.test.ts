/**
 * Hostile snapshots, seeded and bounded: mutations of the lab snapshot and of the small test org — wrong
 * types, huge strings, deep nesting, NaN and Infinity, `__proto__` / `constructor` keys, control characters
 * and PowerShell metacharacters in the strings, sections missing, extra or of the wrong shape, arrays where
 * objects belong, duplicated objects. For each:
 *
 * - decodeSnapshot refuses the file with its one documented SnapshotError (a one-line message), or returns
 *   a model (docs/snapshot-format.md, "What a reader refuses" / "What a reader skips");
 * - the org rules, the "not judged" list and the user rules run on that model without throwing, and every
 *   message renders;
 * - every fix text keeps each org value inside one single-quoted literal: a marker carried by every hostile
 *   string appears only inside a single-quoted span, and no line break is outside one (a cheap structural
 *   check; test/unit/shared/powershell/generated-commands.test.ts parses fixes with real PowerShell);
 * - no name the decoder let through as a host name carries a control character or a metacharacter, and no
 *   decoder note carries a raw line break;
 * - nothing reaches Object.prototype.
 *
 * UMC_FUZZ_SEED=<n> replays a run; a failure names the seed and the case; UMC_FUZZ_TRACE=1 prints each case
 * as it starts (a case that never ends names itself).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { renderDiagnostic } from '../../../../shared/i18n/translate';
import { isName, type NameForm } from '../../../../shared/model/host-name';
import type { OrgModel } from '../../../../shared/model/org';
import { evaluateRules, notJudged } from '../../../../shared/rules/engine';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { SnapshotError } from '../../../../shared/snapshot/property-readers';
import { buildUserIndex } from '../../../../shared/users/user-index';
import { buildUserRuleContext, evaluateUser } from '../../../../shared/users/user-rules';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { labRaw } from '../../../support/lab';
import { buildSnapshot } from '../../../support/org-builder/org-spec';
import { healthySpec } from '../../../support/org-builder/small-org';
import { seededRandom } from '../../../support/seeded-random';

const CASES = 600;
const SEED = Number(process.env.UMC_FUZZ_SEED ?? 20261206);

/** Carried by every hostile string the fuzzer writes: it may appear in a fix only inside a single-quoted literal. */
const MARK = 'Qx7';

type Json = Record<string, any>;

/** What the fuzzer puts in a string: control characters, quotes PowerShell reads as quotes, its metacharacters. */
const HOSTILE_PIECES = [
  '\r\n',
  '\n',
  '\r',
  '\0',
  '\t',
  '\u0085',
  '\u2028',
  '\u009b[2J',
  '\u202e',
  "'",
  "''",
  '\u2018',
  '\u2019',
  '\u201a',
  '\u201b',
  '"',
  '`',
  '`n',
  '$(Remove-Item x)',
  '${env:x}',
  '$x',
  '; New-Item pwned',
  '| Out-File x',
  '& calc',
  '#',
  '<#',
  '#>',
  '@{a=1}',
  '(1)',
  '{ }',
  '--%',
  ' ',
  '\\',
  '%',
];

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

function hostileString(r: () => number, base: string): string {
  const pieces = 1 + Math.floor(r() * 3);
  let out = base;
  for (let i = 0; i < pieces; i++) {
    const at = Math.floor(r() * (out.length + 1));
    out = out.slice(0, at) + MARK + pick(r, HOSTILE_PIECES) + out.slice(at);
  }
  return out;
}

/** Values of the wrong kind, JSON can carry them or not (decodeSnapshot takes any value). */
function oddValue(r: () => number): unknown {
  switch (Math.floor(r() * 16)) {
    case 0:
      return null;
    case 1:
      return NaN;
    case 2:
      return Infinity;
    case 3:
      return -Infinity;
    case 4:
      return -0;
    case 5:
      return 2 ** 53 + 1;
    case 6:
      return 'NaN';
    case 7:
      return 'Infinity';
    case 8:
      return [];
    case 9:
      return {};
    case 10:
      return [[{}]];
    case 11:
      return MARK + 'x'.repeat(50_000 + Math.floor(r() * 50_000));
    case 12:
      return deep(300 + Math.floor(r() * 700), r() < 0.5);
    case 13:
      return JSON.parse(`{"__proto__": {"polluted": "${MARK}"}, "constructor": {"prototype": {"polluted": "${MARK}"}}, "value": "${MARK}x"}`);
    case 14:
      return true;
    default:
      return { value: { Value: { Name: MARK } }, Name: [MARK], DistinguishedName: `CN=${MARK}\\,x,DC=a` };
  }
}

/** Nesting `depth` deep, a tree as JSON.parse gives one (each level holds the next once: no shared branches). */
function deep(depth: number, arrays: boolean): unknown {
  let v: unknown = MARK;
  for (let i = 0; i < depth; i++) v = arrays ? [v, MARK] : { value: v, Name: MARK };
  return v;
}

/** Every [section key, section] of both groups that holds an objects array. */
function sections(raw: Json): [string, string, Json][] {
  const out: [string, string, Json][] = [];
  for (const g of ['exchange', 'skype']) {
    const group = raw[g];
    if (!group || typeof group !== 'object' || Array.isArray(group)) continue;
    for (const [name, s] of Object.entries(group)) if (s && typeof s === 'object' && Array.isArray((s as Json).objects)) out.push([g, name, s as Json]);
  }
  return out;
}

function randomObject(r: () => number, raw: Json): Json | null {
  const withObjects = sections(raw).filter(([, , s]) => s.objects.length > 0);
  if (withObjects.length === 0) return null;
  const [, , s] = pick(r, withObjects);
  const o = pick(r, s.objects as unknown[]);
  return o && typeof o === 'object' && !Array.isArray(o) ? (o as Json) : null;
}

/** The mutations; each returns its name for the failure message. */
const MUTATIONS: readonly ((r: () => number, raw: Json) => string)[] = [
  function wrongType(r, raw) {
    const o = randomObject(r, raw);
    if (!o) return 'wrongType (none)';
    const k = pick(r, Object.keys(o));
    o[k] = oddValue(r);
    return `wrongType ${k}`;
  },
  function hostileStringsOfOneObject(r, raw) {
    const o = randomObject(r, raw);
    if (!o) return 'hostileStrings (none)';
    for (const k of Object.keys(o)) {
      if (typeof o[k] === 'string' && k !== 'RawData') o[k] = hostileString(r, o[k]);
      else if (Array.isArray(o[k])) o[k] = o[k].map((v: unknown) => (typeof v === 'string' ? hostileString(r, v) : v));
    }
    return 'hostileStrings (object)';
  },
  function hostileOneString(r, raw) {
    // One string of many objects: most objects stay readable, so the hostile values reach the rules.
    let n = 0;
    for (let i = 0; i < 12; i++) {
      const o = randomObject(r, raw);
      if (!o) break;
      const keys = Object.keys(o).filter((k) => typeof o[k] === 'string' && k !== 'RawData');
      if (keys.length === 0) continue;
      const k = pick(r, keys);
      o[k] = hostileString(r, o[k]);
      n++;
    }
    return `hostileOneString x${n}`;
  },
  function hostileEveryString(r, raw) {
    const walk = (v: unknown, key: string): unknown => {
      if (typeof v === 'string') return key === 'RawData' || key === 'format' || key === 'capturedAt' || r() < 0.7 ? v : hostileString(r, v);
      if (Array.isArray(v)) return v.map((x) => walk(x, key));
      if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) (v as Json)[k] = walk(x, k);
        return v;
      }
      return v;
    };
    walk(raw.exchange, '');
    walk(raw.skype, '');
    return 'hostileEveryString';
  },
  function removeSection(r, raw) {
    const all = sections(raw);
    if (all.length === 0) return 'removeSection (none)';
    const [g, name] = pick(r, all);
    delete raw[g][name];
    return `removeSection ${g}.${name}`;
  },
  function sectionShape(r, raw) {
    const all = sections(raw);
    if (all.length === 0) return 'sectionShape (none)';
    const [g, name, s] = pick(r, all);
    const form = Math.floor(r() * 5);
    if (form === 0) raw[g][name] = [];
    else if (form === 1) s.objects = { 0: s.objects[0] };
    else if (form === 2) raw[g][name] = oddValue(r);
    else if (form === 3) s.status = pick(r, ['partial', 'not-read', 'nope', 5, null]);
    else s.notes = pick(r, [[{ text: MARK + '\r\n' }], 'a note', [null, 3, { text: 7 }], { text: MARK }]);
    return `sectionShape ${g}.${name} ${form}`;
  },
  function extraSections(r, raw) {
    const g = pick(r, ['exchange', 'skype']);
    if (!raw[g] || typeof raw[g] !== 'object') return 'extraSections (no group)';
    const k = pick(r, ['__proto__', 'constructor', 'toString', 'hasOwnProperty', `extra${MARK}`]);
    Object.defineProperty(raw[g], k, { value: { command: MARK, objects: [{ Name: MARK }] }, enumerable: true, configurable: true, writable: true });
    return `extraSections ${g}.${k}`;
  },
  function prototypeKeys(r, raw) {
    const o = randomObject(r, raw) ?? raw;
    const poison = JSON.parse(`{"__proto__": {"polluted": "${MARK}", "Name": "${MARK}"}, "constructor": {"prototype": {"polluted": "${MARK}"}}}`);
    for (const k of Object.keys(poison)) Object.defineProperty(o, k, { value: poison[k], enumerable: true, configurable: true, writable: true });
    return 'prototypeKeys';
  },
  function arraysForObjects(r, raw) {
    const where = Math.floor(r() * 4);
    if (where === 0) raw[pick(r, ['exchange', 'skype'])] = [];
    else if (where === 1) raw.source = [];
    else {
      const all = sections(raw).filter(([, , s]) => s.objects.length > 0);
      if (all.length === 0) return 'arraysForObjects (none)';
      const [, , s] = pick(r, all);
      const i = Math.floor(r() * s.objects.length);
      s.objects[i] = where === 2 ? [s.objects[i]] : pick(r, [MARK, 5, null, true]);
    }
    return `arraysForObjects ${where}`;
  },
  function duplicates(r, raw) {
    const all = sections(raw).filter(([, , s]) => s.objects.length > 0);
    if (all.length === 0) return 'duplicates (none)';
    const [g, name, s] = pick(r, all);
    const times = 1 + Math.floor(r() * 4);
    for (let i = 0; i < times; i++) s.objects.push(structuredClone(pick(r, s.objects as unknown[])));
    return `duplicates ${g}.${name} x${times}`;
  },
  function dropKeys(r, raw) {
    const o = randomObject(r, raw);
    if (!o) return 'dropKeys (none)';
    for (const k of Object.keys(o)) if (r() < 0.4) delete o[k];
    return 'dropKeys';
  },
  function topLevel(r, raw) {
    const k = pick(r, ['format', 'formatVersion', 'capturedAt', 'source', 'exchange', 'skype']);
    if (r() < 0.5) delete raw[k];
    else raw[k] = oddValue(r);
    return `topLevel ${k}`;
  },
  function sourceFields(r, raw) {
    if (!raw.source || typeof raw.source !== 'object') return 'sourceFields (none)';
    const k = pick(r, ['kind', 'label', 'powerShellVersion']);
    raw.source[k] = r() < 0.5 ? hostileString(r, String(raw.source[k])) : oddValue(r);
    return `sourceFields ${k}`;
  },
];

/**
 * Node's certificate reader, remembering what it read: reading the lab's 31 certificates is most of a
 * decode, and the same bytes come back in every case (the fuzzer aims at the decoder, not at X509).
 */
const readCertificate = (() => {
  const read = new Map<string, ReturnType<typeof readCertificateBase64> | Error>();
  return (rawData: string) => {
    let facts = read.get(rawData);
    if (facts === undefined) {
      try {
        facts = readCertificateBase64(rawData);
      } catch (e) {
        facts = e instanceof Error ? e : new Error(String(e));
      }
      read.set(rawData, facts);
    }
    if (facts instanceof Error) throw facts;
    return facts;
  };
})();

/** The lab with its per-user sections cut to 25 objects each (every section and rule kept, each case fast). */
function smallLab(): Json {
  const raw = labRaw();
  for (const s of [raw.skype.users, raw.exchange.mailboxes, raw.exchange.umMailboxes]) s.objects = s.objects.slice(0, 25);
  return raw;
}

// ---------------------------------------------------------------- the structural check of a fix

const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);

/**
 * The single-quoted spans of a fix (PowerShell's rules: any of the four single quotes opens and closes, two
 * together inside are one; about_Quoting_Rules) and what lies outside them; null when a quote is left open.
 */
function quotedSpans(text: string): { spans: [number, number][]; outside: string } | null {
  const spans: [number, number][] = [];
  let outside = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (!SINGLE_QUOTES.has(c)) {
      outside += c;
      i++;
      continue;
    }
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) return null;
      if (SINGLE_QUOTES.has(text[i])) {
        if (SINGLE_QUOTES.has(text[i + 1] ?? '')) {
          i += 2;
          continue;
        }
        break;
      }
      i++;
    }
    spans.push([start, i]);
    i++;
  }
  return { spans, outside };
}

function fixProblems(text: string): string[] {
  const q = quotedSpans(text);
  if (!q) return ['a single-quoted literal is left open'];
  const out: string[] = [];
  if (/[\r\n\u0085\u2028\u2029]/.test(q.outside)) out.push('a line break outside a single-quoted literal');
  for (let i = text.indexOf(MARK); i >= 0; i = text.indexOf(MARK, i + 1)) {
    if (!q.spans.some(([s, e]) => s < i && i + MARK.length <= e)) out.push(`an org value outside a single-quoted literal at ${i}`);
  }
  return out;
}

/**
 * The check of the brief, written apart from the predicate it checks (shared/model/host-name.ts): a name
 * holds no control or format character, white space, quote, `$`, `;`, `#`, backtick, `<`, `>`, `|`, `&`,
 * `(` or `)` — for a URL, its host holds none, and the rest no control character, white space, double quote
 * or backtick (RFC 3986 allows `$ ; & ( ) '` in a path).
 */
const NEVER_IN_A_NAME = /[\p{Cc}\p{Cf}\p{Z}\s'"\u2018-\u201d$;#`<>|&()]/u;
function holdsWhatNoNameHolds(value: string, form: NameForm): boolean {
  if (form !== 'url') return NEVER_IN_A_NAME.test(value);
  const host = /^https?:\/\/([^/]*)/i.exec(value)?.[1] ?? value;
  return NEVER_IN_A_NAME.test(host) || /[\p{Cc}\p{Cf}\p{Z}\s"`<>|]/u.test(value);
}

/** The names the decoder reads as host names, with their form: none may carry what a name cannot hold. */
function namesOf(org: OrgModel): [string, string, NameForm][] {
  const out: [string, string, NameForm][] = [];
  const add = (what: string, v: string | null | undefined, form: NameForm) => {
    if (v) out.push([what, v, form]);
  };
  for (const s of org.exchange.servers) {
    add('server name', s.name, 'server');
    add('server fqdn', s.fqdn, 'host');
    add('autodiscover', s.autodiscoverInternalUri, 'url');
  }
  for (const g of org.exchange.ipGateways) add('UM IP gateway', g.address, 'address');
  for (const p of org.skype.pools) [p.fqdn, ...p.computers].forEach((h) => add('pool', h, 'host'));
  for (const m of org.skype.mediationServers) [m.poolFqdn, m.registrar, ...m.gateways].forEach((h) => add('mediation', h, 'address'));
  for (const g of org.skype.pstnGateways) add('PSTN gateway', g.address, 'address');
  for (const c of org.skype.exUmContacts) add('contact pool', c.registrarPool, 'host');
  for (const u of org.users) add('user pool', u.registrarPool, 'host');
  add('SIP domain', org.skype.defaultSipDomain, 'host');
  add('OAuth URL', org.skype.oauth?.exchangeAutodiscoverUrl, 'url');
  return out;
}

test(`${CASES} hostile snapshots: refused with the documented error, or decoded into a model every rule judges and every fix quotes`, () => {
  const r = seededRandom(SEED);
  const lab = smallLab();
  const small = buildSnapshot(healthySpec()) as Json;
  const counts = { cases: 0, refused: 0, decoded: 0, notes: 0, diagnostics: 0, fixes: 0, hostileFixes: 0, userFixes: 0, mutations: 0 };
  const refusals = new Map<string, number>();
  const started = Date.now();
  const cpu = process.cpuUsage();
  for (let n = 0; n < CASES; n++) {
    const base = n % 3 === 2 ? small : lab;
    const raw = structuredClone(base);
    const applied: string[] = [];
    const times = 1 + Math.floor(r() * 3);
    for (let m = 0; m < times; m++) applied.push(pick(r, MUTATIONS)(r, raw));
    counts.mutations += applied.length;
    if (process.env.UMC_FUZZ_TRACE) process.stderr.write(`case ${n}: ${applied.join(', ')}\n`);
    const where = `seed ${SEED}, case ${n} (${n % 3 === 2 ? 'small org' : 'lab'}): ${applied.join(', ')}`;
    counts.cases++;
    let org: OrgModel;
    try {
      org = decodeSnapshot(raw, { readCertificate });
    } catch (e) {
      if (process.env.UMC_FUZZ_TRACE) process.stderr.write(`  refused ${String(e).slice(0, 200)}\n`);
      assert.ok(e instanceof SnapshotError, `${where}: decodeSnapshot threw ${e instanceof Error ? e.stack : String(e)}`);
      assert.ok(e.message.length > 0 && !/[\r\n]/.test(e.message), `${where}: the refusal is one line: ${JSON.stringify(e.message)}`);
      counts.refused++;
      refusals.set(e.detail.key, (refusals.get(e.detail.key) ?? 0) + 1);
      continue;
    }
    counts.decoded++;
    if (process.env.UMC_FUZZ_TRACE) process.stderr.write(`  decoded\n`);
    const diagnostics: Diagnostic[] = [];
    try {
      diagnostics.push(...evaluateRules(org));
      notJudged(org);
      const ctx = buildUserRuleContext(org);
      for (const u of buildUserIndex(org).users) {
        const found = evaluateUser({ skype: u.skype, mailbox: u.mailbox }, ctx);
        counts.userFixes += found.reduce((k, d) => k + d.fix.length, 0);
        diagnostics.push(...found);
      }
      for (const d of diagnostics) renderDiagnostic('en', d);
    } catch (e) {
      assert.fail(`${where}: the rules threw on the decoded model: ${e instanceof Error ? e.stack : String(e)}`);
    }
    counts.diagnostics += diagnostics.length;
    for (const d of diagnostics) {
      for (const fix of d.fix) {
        counts.fixes++;
        if (fix.includes(MARK)) counts.hostileFixes++;
        const p = fixProblems(fix);
        assert.deepEqual(p, [], `${where}: ${d.rule} fix ${JSON.stringify(fix)}`);
      }
    }
    for (const [what, v, form] of namesOf(org)) {
      assert.ok(isName(v, form), `${where}: the ${what} ${JSON.stringify(v.slice(0, 80))} is not a ${form} name`);
      assert.ok(!holdsWhatNoNameHolds(v, form), `${where}: the ${what} ${JSON.stringify(v.slice(0, 80))} holds what no name holds`);
    }
    for (const state of Object.values(org.readState ?? {})) {
      for (const note of state.notes) {
        if (!note.message) continue; // a capture's own note, kept as it came
        counts.notes++;
        assert.ok(!/[\r\n\u0085\u2028\u2029\u009b]/.test(note.text), `${where}: a decoder note carries a raw control character: ${JSON.stringify(note.text.slice(0, 200))}`);
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined, `${where}: Object.prototype polluted`);
  }
  const ms = Date.now() - started;
  const cpuMs = Math.round(process.cpuUsage(cpu).user / 1000);
  console.log(
    `snapshot fuzz: seed ${SEED}, ${counts.cases} cases (${counts.mutations} mutations) in ${ms} ms (${cpuMs} ms CPU): ${counts.refused} refused (${[...refusals].map(([k, v]) => `${k} ${v}`).join(', ')}), ${counts.decoded} decoded; ${counts.notes} decoder notes, ${counts.diagnostics} diagnostics, ${counts.fixes} fix texts checked (${counts.userFixes} from user rules), ${counts.hostileFixes} carrying a hostile value`,
  );
  assert.ok(counts.decoded > CASES / 2, `only ${counts.decoded} of ${CASES} decoded`);
  assert.ok(counts.refused > 10, `only ${counts.refused} refused: the top-level mutations are not reached`);
  assert.ok(counts.hostileFixes > 100, `only ${counts.hostileFixes} fixes carried a hostile value: the fuzzer does not reach the rules`);
});
