/**
 * The decoder refuses names that cannot be host names (docs/snapshot-format.md, "Host names"): a crafted
 * snapshot whose server FQDN, pool FQDN or SIP domain carries a line break and a command must not reach
 * a fix an admin pastes. The object whose identity the name is, is skipped; an optional value is left
 * empty — each with a note naming the section, the object, the value and what was wrong with it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OrgModel, SectionKey } from '../../../../shared/model/org';
import { renderMessage } from '../../../../shared/i18n/translate';
import { evaluateRules } from '../../../../shared/rules/engine';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { buildUserRuleContext, evaluateUser } from '../../../../shared/users/user-rules';
import { buildUserIndex } from '../../../../shared/users/user-index';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { labRaw } from '../../../support/lab';

const decode = (raw: unknown) => decodeSnapshot(raw, { readCertificate: readCertificateBase64 });

/** What the crafted snapshot appends to a name: a line break, then a command that creates a file. */
const PAYLOAD = '\r\nNew-Item -ItemType File -Path $env:TEMP\\pwned.txt #';
const PAYLOAD_MARK = 'pwned';

/** Every fix text the console would show for this org: the org rules' and every user's. */
function allFixes(org: OrgModel): string[] {
  const out = evaluateRules(org).flatMap((d) => d.fix);
  const ctx = buildUserRuleContext(org);
  for (const u of buildUserIndex(org).users) for (const d of evaluateUser({ skype: u.skype, mailbox: u.mailbox }, ctx)) out.push(...d.fix);
  return out;
}

const notesOf = (org: OrgModel, key: SectionKey) => org.readState?.[key]?.notes ?? [];

function assertNoPayload(org: OrgModel): void {
  const carrying = allFixes(org).filter((f) => f.includes(PAYLOAD_MARK) || /[\r\n]/.test(f));
  assert.deepEqual(carrying, [], 'a fix text carries the crafted name');
}

/** The lab, with the certificates of ATL-EX-001 removed: R-X-03 (no UM certificate) fires on it. */
function labWithoutAtl001Certificates(): Record<string, any> {
  const raw = labRaw();
  raw.exchange.certificates.objects = raw.exchange.certificates.objects.filter((c: { Identity: string }) => !c.Identity.startsWith('atl-exchange-001.'));
  return raw;
}

describe('a crafted snapshot: names with a line break and a command never reach a fix', () => {
  test('R-X-03: the plain server is in the fix, as a quoted -ComputerName', () => {
    const fixes = evaluateRules(decode(labWithoutAtl001Certificates()))
      .filter((d) => d.rule === 'R-X-03')
      .flatMap((d) => d.fix);
    assert.ok(fixes.includes("Get-Service -ComputerName 'atl-exchange-001.litwareinc.com' -Name MSExchangeUM | Restart-Service"), fixes.join('\n'));
  });

  test('an Exchange server whose Fqdn holds CR/LF and a command is skipped, with a note saying what was wrong; no fix carries it', () => {
    const raw = labWithoutAtl001Certificates();
    const i = raw.exchange.servers.objects.findIndex((s: { Name: string }) => s.Name === 'ATL-EX-001');
    raw.exchange.servers.objects[i].Fqdn += PAYLOAD;
    const org = decode(raw);
    assert.ok(!org.exchange.servers.some((s) => s.name === 'ATL-EX-001'), 'the server is skipped');
    assert.equal(org.readState?.['exchange.servers']?.status, 'partial');
    const [note] = notesOf(org, 'exchange.servers');
    assert.equal(note.message?.key, 'snapshot.note.objectSkipped');
    assert.equal(
      note.text,
      `exchange.servers[${i}] "ATL-EX-001" was skipped: exchange.servers[${i}].Fqdn "atl-exchange-001.litwareinc.com\\r\\nNew-Ite…" is not a host name: it holds the control character U+000D`,
    );
    assert.match(renderMessage('fr', note.message!), /n’est pas un nom d’hôte\u00a0: il contient le caractère de contrôle U\+000D/);
    assertNoPayload(org);
  });

  test('an Exchange server whose Name holds a command is skipped', () => {
    const raw = labWithoutAtl001Certificates();
    const i = raw.exchange.servers.objects.findIndex((s: { Name: string }) => s.Name === 'ATL-EX-001');
    raw.exchange.servers.objects[i].Name = "ATL-EX-001';New-Item pwned;'";
    const org = decode(raw);
    assert.equal(org.exchange.servers.length, 3);
    assert.match(notesOf(org, 'exchange.servers')[0].text, /\.Name "ATL-EX-001';New-Item pwned;'" is not a server name: it holds the character "'"/);
    assertNoPayload(org);
  });

  test('a pool whose Fqdn holds CR/LF and a command is skipped; its computers, registrar and users lose it', () => {
    const raw = labRaw();
    const pool = raw.skype.pools.objects[0];
    const fqdn = pool.Fqdn;
    pool.Fqdn += PAYLOAD;
    // Every place the lab names the pool carries the crafted name: the registrar, the users, the contacts.
    for (const r of raw.skype.registrars.objects) if (r.PoolFqdn === fqdn) r.PoolFqdn += PAYLOAD;
    for (const u of raw.skype.users.objects) if (u.RegistrarPool === fqdn) u.RegistrarPool += PAYLOAD;
    for (const c of raw.skype.exUmContacts.objects) if (c.RegistrarPool === fqdn) c.RegistrarPool += PAYLOAD;
    const org = decode(raw);
    assert.ok(!org.skype.pools.some((p) => p.fqdn.startsWith(fqdn)), 'the pool is skipped');
    assert.match(notesOf(org, 'skype.pools')[0].text, /^skype\.pools\[0\] ".*" was skipped: skype\.pools\[0\]\.Fqdn ".*" is not a host name: it holds the control character U\+000D$/);
    assert.match(notesOf(org, 'skype.registrars')[0].text, /was skipped: skype\.registrars\[\d+\]\.PoolFqdn .* is not a host name/);
    assert.match(notesOf(org, 'skype.users')[0].text, /RegistrarPool .* is not a host name: it holds the control character U\+000D; that value was left empty$/);
    assert.ok(org.users.every((u) => !u.registrarPool.includes(PAYLOAD_MARK)));
    assert.ok(org.skype.exUmContacts.every((c) => !c.registrarPool.includes(PAYLOAD_MARK)));
    assertNoPayload(org);
  });

  test('a SIP domain with CR/LF and a command is skipped; the default SIP domain is never it', () => {
    const raw = labRaw();
    raw.skype.sipDomains.objects[0].Name += PAYLOAD;
    const org = decode(raw);
    assert.equal(org.skype.defaultSipDomain, '');
    assert.match(notesOf(org, 'skype.sipDomains')[0].text, /skype\.sipDomains\[0\]\.Name .* is not a host name: it holds the control character U\+000D/);
    assertNoPayload(org);
  });

  test('URLs read from the org: a host that is not a host name leaves the URL empty', () => {
    const raw = labRaw();
    raw.skype.oauth.objects[0].ExchangeAutodiscoverUrl = `https://autodiscover.litwareinc.com${PAYLOAD}/autodiscover/autodiscover.svc`;
    raw.exchange.clientAccess.objects[0].AutoDiscoverServiceInternalUri = "https://a';New-Item pwned;'/Autodiscover/Autodiscover.xml";
    const org = decode(raw);
    assert.equal(org.skype.oauth?.exchangeAutodiscoverUrl, '');
    assert.equal(org.exchange.servers[0].autodiscoverInternalUri, null);
    assert.match(notesOf(org, 'skype.oauth')[0].text, /ExchangeAutodiscoverUrl .* is not an http or https URL whose host is a host name: .*; that value was left empty$/);
    assertNoPayload(org);
  });

  test('a UM IP gateway or PSTN gateway whose address is no address is skipped; a bad computer of a pool is left out', () => {
    const raw = labRaw();
    raw.exchange.ipGateways.objects[0].Address = '10.0.0.1;New-Item pwned';
    raw.skype.pstnGateways.objects[0].PoolFqdn += PAYLOAD;
    raw.skype.pools.objects[0].Computers.push(`atl-fe-09.litwareinc.com${PAYLOAD}`);
    const org = decode(raw);
    assert.match(notesOf(org, 'exchange.ipGateways')[0].text, /Address "10\.0\.0\.1;New-Item pwned" is not an IP address or a host name: it holds the character ";"/);
    assert.match(notesOf(org, 'skype.pstnGateways')[0].text, /was skipped: .*PoolFqdn .* is not an IP address or a host name/);
    assert.match(notesOf(org, 'skype.pools')[0].text, /Computers\[\d\] .* is not a host name: .*; that value was left empty$/);
    assert.ok(org.skype.pools[0].computers.every((c) => !c.includes(PAYLOAD_MARK)));
    assertNoPayload(org);
  });
});
