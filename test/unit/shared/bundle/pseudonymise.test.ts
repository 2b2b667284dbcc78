/**
 * The support bundle's redaction over the lab org's raw snapshot: no redactable value left, the rules
 * judging the redacted snapshot identically (the same rules on the pseudonymised objects), and what the
 * rules compare preserved — domain suffixes and wildcards, a certificate's names (its DER rewritten,
 * its thumbprint followed everywhere), extension lengths and extensions inside line URIs, E.164 form,
 * IP families and two spellings of one address, `sip:` and case. Stability: the same seed gives the
 * same pseudonyms, another seed others.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { KEPT_LABELS, redactSnapshot, type Redaction } from '../../../../shared/bundle/pseudonymise';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { createResigner } from '../../../../main/services/bundle/resign';
import { analyseOrg } from '../../../../main/services/org-service';
import { parseSnapshotText } from '../../../../main/services/snapshot-loader';
import { ROOT } from '../../../support/paths';

const LAB_TEXT = readFileSync(join(ROOT, 'assets', 'lab', 'litwareinc.umcsnap.json'), 'utf8');
const lab = () => JSON.parse(LAB_TEXT) as Record<string, Record<string, { objects: Record<string, unknown>[] }>>;
const sha1 = (der: Uint8Array) => createHash('sha1').update(der).digest('hex').toUpperCase();
const resign = createResigner();
const redact = (raw: unknown, seed = 'seed-1') => redactSnapshot(raw, { seed, thumbprintOf: sha1, resign });
const objects = (raw: ReturnType<typeof lab>, product: string, section: string) => raw[product]![section]!.objects;

/** Every value the redaction must replace, collected here from the cmdlets' properties (not from the redaction). */
function redactableValues(raw: ReturnType<typeof lab>): Set<string> {
  const values = new Set<string>();
  const add = (v: unknown) => typeof v === 'string' && v.length > 1 && values.add(v.toLowerCase());
  const domain = 'litwareinc.com';
  const hostLabels = (fqdn: string) => {
    if (!fqdn.toLowerCase().endsWith(`.${domain}`)) return;
    for (const label of fqdn.slice(0, -domain.length - 1).split('.')) if (label !== '*' && !KEPT_LABELS.has(label.toLowerCase())) add(label);
  };
  for (const u of objects(raw, 'skype', 'users')) {
    add(String(u.SipAddress).replace(/^sip:/i, '').split('@')[0]);
    add(String(u.UserPrincipalName).split('@')[0]);
    add(u.DisplayName);
    const line = /^tel:(\+\d+)(?:;ext=(\d+))?/.exec(String(u.LineURI ?? ''));
    if (line) {
      add(line[1]);
      if (line[2]) add(line[2]);
    }
  }
  for (const m of objects(raw, 'exchange', 'mailboxes')) {
    add(m.DisplayName);
    add(String(m.PrimarySmtpAddress).split('@')[0]);
  }
  for (const m of objects(raw, 'exchange', 'umMailboxes')) for (const e of m.Extensions as string[]) add(e.includes('@') ? e.split('@')[0] : e);
  for (const s of objects(raw, 'exchange', 'servers')) {
    add(s.Name);
    hostLabels(String(s.Fqdn));
  }
  for (const p of objects(raw, 'skype', 'pools')) for (const c of [p.Fqdn, ...(p.Computers as string[])]) hostLabels(String(c));
  for (const g of objects(raw, 'exchange', 'ipGateways')) {
    const a = String(g.Address);
    if (/^[\d.]+$/.test(a) || a.includes(':')) add(a);
    else hostLabels(a);
  }
  for (const c of [...objects(raw, 'exchange', 'certificates'), ...objects(raw, 'skype', 'certificates')]) {
    if (!c.RawData) continue;
    const facts = readCertificateBase64(String(c.RawData));
    for (const n of [facts.subjectCommonName ?? '', ...facts.subjectAltNames.map((s) => s.replace(/^DNS:/, ''))]) hostLabels(n.replace(/^\*\./, 'x.'));
  }
  values.delete('x');
  return values;
}

/** Where a value appears in a text: digits as a whole number (not inside a longer number or a hex thumbprint), anything else as it is, case-insensitively. */
function appears(text: string, value: string): boolean {
  if (/^\+?\d+$/.test(value)) return new RegExp(`(?<![\\dA-Za-z])${value.replace('+', '\\+')}(?![\\dA-Za-z])`).test(text);
  return text.includes(value);
}

function findingKeys(raw: unknown, mapId: (id: string) => string): Set<string> {
  const l = analyseOrg(parseSnapshotText(JSON.stringify(raw), 'x.umcsnap.json'));
  return new Set(l.findings.map((f) => `${f.rule}|${f.severity}|${f.objects.map((o) => `${o.kind}:${mapId(o.id).toLowerCase()}`).join(',')}`));
}

describe('redactSnapshot over the lab org', () => {
  const raw = lab();
  const r: Redaction = redact(raw);
  const text = JSON.stringify(r.snapshot).toLowerCase();

  test('no redactable value of the original is left anywhere, certificates included', () => {
    const values = redactableValues(raw);
    assert.ok(values.size > 1000, `collected ${values.size}`);
    // The certificates' names as the rewritten DER holds them (RawData is base64: a text search cannot see them).
    const red = r.snapshot as ReturnType<typeof lab>;
    const certNames = [...objects(red, 'exchange', 'certificates'), ...objects(red, 'skype', 'certificates')]
      .filter((c) => c.RawData)
      .flatMap((c) => {
        const facts = readCertificateBase64(String(c.RawData));
        return [facts.subject, ...facts.subjectAltNames];
      });
    assert.ok(certNames.length > 20);
    const searched = `${text}\n${certNames.join('\n').toLowerCase()}`;
    const left = [...values].filter((v) => appears(searched, v));
    assert.deepEqual(left, []);
  });

  test('the rules find the same findings on the same (pseudonymised) objects', () => {
    const before = findingKeys(raw, r.text);
    const after = findingKeys(r.snapshot, (id) => id);
    assert.ok(before.size > 10);
    assert.deepEqual([...after].sort(), [...before].sort());
  });

  test('kept: the SIP domain, the Exchange organization, configuration names, UM contacts', () => {
    assert.deepEqual(r.keptDomains, ['litwareinc.com']);
    const red = r.snapshot as ReturnType<typeof lab>;
    assert.equal(objects(red, 'exchange', 'organization')[0]!.Name, 'Litware');
    assert.deepEqual(
      objects(red, 'exchange', 'dialPlans').map((d) => [d.Name, d.PhoneContext]),
      objects(raw, 'exchange', 'dialPlans').map((d) => [d.Name, d.PhoneContext]),
    );
    assert.deepEqual(
      objects(red, 'skype', 'exUmContacts').map((c) => c.SipAddress),
      objects(raw, 'skype', 'exUmContacts').map((c) => c.SipAddress),
    );
  });

  test('a user: sip: prefix, case, the extension inside the line URI and its number of digits, E.164 form', () => {
    const i = objects(raw, 'skype', 'users').findIndex((u) => /;ext=/.test(String(u.LineURI)));
    const before = objects(raw, 'skype', 'users')[i]!;
    const after = objects(r.snapshot as ReturnType<typeof lab>, 'skype', 'users')[i]!;
    assert.match(String(after.SipAddress), /^sip:u[0-9a-z]+@litwareinc\.com$/);
    assert.notEqual(after.SipAddress, before.SipAddress);
    assert.equal(r.text(String(before.SipAddress).toUpperCase()), String(after.SipAddress).toUpperCase());
    const [, number, ext] = /^tel:(\+\d+);ext=(\d+)$/.exec(String(after.LineURI))!;
    const [, oldNumber, oldExt] = /^tel:(\+\d+);ext=(\d+)$/.exec(String(before.LineURI))!;
    assert.equal(number!.length, oldNumber!.length);
    assert.equal(ext!.length, oldExt!.length);
    assert.ok(number!.endsWith(ext!), `${number} ends with ${ext} as ${oldNumber} with ${oldExt}`);
    assert.equal(number!.slice(0, 5), oldNumber!.slice(0, 5), 'the country and area code are kept');
    assert.notEqual(ext, oldExt);
  });
});

describe('what the rules compare, on crafted values', () => {
  test('two spellings of one IPv6 address stay one address; IPv4 stays IPv4 and shared stays shared', () => {
    const raw = lab();
    const gws = objects(raw, 'exchange', 'ipGateways');
    gws[0]!.Address = '2001:DB8:0:0:0:0:0:7';
    gws[1]!.Address = '2001:db8::7';
    gws[2]!.Address = '10.20.30.40';
    gws[3]!.Address = '10.20.30.40';
    const red = objects(redact(raw).snapshot as ReturnType<typeof lab>, 'exchange', 'ipGateways');
    assert.equal(red[0]!.Address, red[1]!.Address);
    assert.match(String(red[0]!.Address), /^2001:db8::[0-9a-f]+$/);
    assert.notEqual(red[0]!.Address, '2001:db8::7');
    assert.match(String(red[2]!.Address), /^198\.1[89]\.\d+\.\d+$/);
    assert.equal(red[2]!.Address, red[3]!.Address);
  });

  test('a wildcard keeps its suffix; a label keeps its length; versions are no addresses', () => {
    const r = redact(lab());
    const text = r.text('*.branch01.litwareinc.com and atl-cs-001.litwareinc.com');
    const [, label] = /^\*\.([a-z0-9]+)\.litwareinc\.com/.exec(text)!;
    assert.equal(label!.length, 'branch01'.length);
    assert.match(text, /and h[0-9a-z]{9}\.litwareinc\.com$/);
    const red = redact(lab()).snapshot as ReturnType<typeof lab>;
    assert.deepEqual(
      objects(red, 'exchange', 'servers').map((s) => [s.AdminDisplayVersion, s.ExchangeVersion]),
      objects(lab(), 'exchange', 'servers').map((s) => [s.AdminDisplayVersion, s.ExchangeVersion]),
    );
  });

  test('a certificate rewritten: its names replaced in the DER, its new thumbprint wherever the old one was', () => {
    const raw = lab();
    const r = redact(raw);
    const moved = r.entries.filter((e) => e.kind === 'thumbprint');
    assert.ok(moved.length > 0);
    const red = JSON.stringify(r.snapshot);
    for (const t of moved) {
      assert.ok(!red.includes(t.original), t.original);
      assert.ok(red.includes(t.pseudonym), t.pseudonym);
    }
    for (const c of objects(r.snapshot as ReturnType<typeof lab>, 'exchange', 'certificates')) {
      const facts = readCertificateBase64(String(c.RawData));
      assert.equal(facts.thumbprint, String(c.Thumbprint).toUpperCase());
      assert.ok(String(c.Identity).endsWith(`\\${facts.thumbprint}`) || !String(c.Identity).includes('\\'));
    }
  });

  test('the same seed gives the same pseudonyms; another seed others (each bundle its own)', () => {
    const a = redact(lab(), 'one');
    const b = redact(lab(), 'one');
    const c = redact(lab(), 'two');
    assert.deepEqual(a.entries, b.entries);
    assert.equal(JSON.stringify(a.snapshot), JSON.stringify(b.snapshot));
    const pseudonymOf = (r: Redaction, original: string) => r.entries.find((e) => e.original === original)?.pseudonym;
    const someUser = a.entries.find((e) => e.kind === 'user')!.original;
    assert.notEqual(pseudonymOf(a, someUser), pseudonymOf(c, someUser));
  });

  test('one pseudonym per value, and no pseudonym is another original value', () => {
    const r = redact(lab());
    const originals = new Set(r.entries.map((e) => `${e.kind}|${e.original.toLowerCase()}`));
    const pseudonyms = new Set<string>();
    for (const e of r.entries) {
      const key = `${e.kind}|${e.pseudonym.toLowerCase()}`;
      if (e.kind !== 'phone') assert.ok(!pseudonyms.has(key), `two values share ${e.pseudonym}`);
      pseudonyms.add(key);
      assert.ok(!originals.has(key), `${e.original} → ${e.pseudonym}, another original`);
    }
  });
});
