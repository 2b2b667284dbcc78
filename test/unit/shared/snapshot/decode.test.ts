import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateSnapshot } from '../../../../shared/lab/generate-org';
import { decodeSnapshot, isIpLiteral, parentDn, parseExchangeVersion } from '../../../../shared/snapshot/decode';
import { SnapshotError } from '../../../../shared/snapshot/fields';
import { EXCHANGE_SECTIONS, SKYPE_SECTIONS } from '../../../../shared/snapshot/format';
import { readCertificateBase64 } from '../../../../main/services/x509-reader';
import { labCertificates, labRaw } from '../../../support/lab';

const opts = { readCertificate: readCertificateBase64 };
const decode = (raw: unknown) => decodeSnapshot(raw, opts);

function refused(raw: unknown, pattern: RegExp) {
  assert.throws(
    () => decode(raw),
    (e: unknown) => {
      assert.ok(e instanceof SnapshotError, `expected a SnapshotError, got ${String(e)}`);
      assert.match(e.message, pattern);
      assert.ok(!e.message.includes('\n'), 'one line');
      return true;
    },
  );
}

describe('the lab snapshot', () => {
  const org = decode(labRaw());
  test('decodes both sides with the expected objects', () => {
    assert.equal(org.source.kind, 'lab');
    assert.equal(org.source.readAt, '2026-11-20T09:30:00.000Z');
    assert.equal(org.exchange.organizationName, 'Litware');
    assert.deepEqual(org.exchange.servers.map((s) => `${s.name} ${s.version.product}`), ['ATL-EX-001 2016', 'ATL-EX-002 2016', 'DAL-EX-003 2016', 'ATL-EX-019 2019']);
    assert.deepEqual(org.skype.pools.map((p) => p.role), ['FrontEnd', 'StandardEdition', 'FrontEnd', 'Director', 'SurvivableBranchAppliance']);
    assert.equal(org.exchange.dialPlans.find((d) => d.name === 'Litware-SIP-Branch')?.voipSecurity, 'SIPSecured');
    assert.ok(org.users.length >= 500);
    assert.ok(org.mailboxes.filter((m) => m.umEnabled).length > 200);
  });
  test('per-server settings joined to their server', () => {
    const dal = org.exchange.servers.find((s) => s.name === 'DAL-EX-003')!;
    assert.equal(dal.umService?.startupMode, 'TCP');
    assert.deepEqual(dal.umService?.dialPlans, ['Litware-SIP-Secured']);
    assert.equal(org.exchange.servers.find((s) => s.name === 'ATL-EX-002')!.autodiscoverInternalUri, null);
  });
  test('certificates read from their real RawData', () => {
    const c = org.exchange.certificates.find((x) => x.facts?.subjectCommonName === '*.litwareinc.com')!;
    assert.equal(c.server, 'dal-exchange-003.litwareinc.com');
    assert.deepEqual(c.services, ['UM', 'UMCallRouter']);
    assert.match(c.facts!.thumbprint, /^[0-9A-F]{40}$/);
    assert.equal(c.facts!.keySize, 2048);
    assert.equal(org.exchange.certificates.find((x) => x.facts?.subjectCommonName === 'ATL-EX-002')!.facts!.isSelfSigned, true);
  });
  test('Get-CsCertificate without RawData still gives the printed facts', () => {
    const c = org.skype.certificates.find((x) => x.server === 'dal-fe-01.litwareinc.com' && x.use === 'OAuthTokenIssuer')!;
    assert.equal(c.rawData, '');
    assert.equal(c.facts?.keySize, null);
    assert.equal(c.pool, 'dal-cs-002.litwareinc.com');
  });
  test('the decoded model is independent of extra remoting members', () => {
    const raw = labRaw();
    for (const o of raw.exchange.ipGateways.objects) delete o.PSComputerName;
    assert.deepEqual(decode(raw).exchange.ipGateways, org.exchange.ipGateways);
  });
});

describe('PowerShell 7 captures decode like 5.1 captures', () => {
  test('the generator writes ISO dates; the decoder reads them', () => {
    const certs = labCertificates();
    const raw5 = generateSnapshot({ exchangeServers: 2, dialPlans: 4, gateways: 10, users: 20, certificates: certs, edition: '5.1' });
    const raw7 = generateSnapshot({ exchangeServers: 2, dialPlans: 4, gateways: 10, users: 20, certificates: certs, edition: '7' });
    const csCert5 = (raw5.skype.certificates.objects[1] as Record<string, string>).NotAfter;
    const csCert7 = (raw7.skype.certificates.objects[1] as Record<string, string>).NotAfter;
    assert.match(csCert5, /^\/Date\(\d+\)\/$/);
    assert.match(csCert7, /^\d{4}-\d\d-\d\dT.*\+00:00$/);
    const a = decode(raw5);
    const b = decode(raw7);
    assert.deepEqual(a.skype.certificates, b.skype.certificates);
    assert.deepEqual(a.exchange, b.exchange);
  });
});

describe('a bad snapshot is refused with one clear message', () => {
  test('not an object / not a snapshot', () => {
    refused([], /not a UM Integration Console snapshot/);
    refused({ format: 'something-else' }, /"format" is "something-else", expected "umc-snapshot"/);
  });
  test('another format version', () => {
    refused({ ...labRaw(), formatVersion: 2 }, /snapshot format version 2 is not supported; this console reads version 1/);
  });
  test('every missing section is named with its cmdlet', () => {
    for (const [group, sections] of [['exchange', EXCHANGE_SECTIONS], ['skype', SKYPE_SECTIONS]] as const) {
      for (const [name, command] of Object.entries(sections)) {
        const raw = labRaw();
        delete raw[group][name];
        refused(raw, new RegExp(`no section ${group}\\.${name} \\(${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
      }
    }
  });
  test('a section without its objects array', () => {
    const raw = labRaw();
    raw.skype.users = { command: 'Get-CsUser', objects: 'none' };
    refused(raw, /section skype\.users must be an object with an "objects" array/);
  });
  test('a property of the wrong type names the object and the property', () => {
    const raw = labRaw();
    raw.exchange.ipGateways.objects[2].Port = '5061';
    refused(raw, /^exchange\.ipGateways\[2\]\.Port has the wrong type: expected an integer, got the string "5061"$/);
    const raw2 = labRaw();
    raw2.skype.users.objects[41].Enabled = 'True';
    refused(raw2, /^skype\.users\[41\]\.Enabled has the wrong type: expected true or false/);
    const raw3 = labRaw();
    raw3.exchange.dialPlans.objects[0].VoIPSecurity = 'Encrypted';
    refused(raw3, /exchange\.dialPlans\[0\]\.VoIPSecurity has the wrong type: expected one of Unsecured, SIPSecured, Secured/);
    const raw4 = labRaw();
    raw4.exchange.servers.objects[1].AdminDisplayVersion = 'fifteen';
    refused(raw4, /AdminDisplayVersion "fifteen" is not an Exchange version string/);
  });
  test('a missing capture time or source', () => {
    const raw = labRaw();
    delete raw.capturedAt;
    refused(raw, /capturedAt is missing/);
    const raw2 = labRaw();
    delete raw2.source;
    refused(raw2, /no "source" object/);
  });
  test('an unreadable certificate does not sink the snapshot: it is reported on that certificate', () => {
    const raw = labRaw();
    raw.exchange.certificates.objects[0].RawData = 'AAAA';
    const org = decode(raw);
    assert.equal(org.exchange.certificates[0].facts, null);
    assert.match(org.exchange.certificates[0].unreadable ?? '', /not a DER X\.509 certificate/);
  });
});

describe('small decoders', () => {
  test('Exchange versions', () => {
    assert.deepEqual(parseExchangeVersion('Version 15.1 (Build 2375.7)'), { major: 15, minor: 1, build: 2375, revision: 7, product: '2016', text: 'Version 15.1 (Build 2375.7)' });
    assert.equal(parseExchangeVersion('Version 15.2 (Build 986.5)')?.product, '2019');
    assert.equal(parseExchangeVersion('Version 15.0 (Build 1497.2)')?.product, '2013');
    assert.equal(parseExchangeVersion('Version 14.3 (Build 123.4)')?.product, '2010');
    assert.equal(parseExchangeVersion('15.1.2375.7'), null);
  });
  test('IP literals', () => {
    assert.ok(isIpLiteral('10.0.0.50'));
    assert.ok(isIpLiteral('2001:db8::1'));
    assert.ok(!isIpLiteral('999.1.1.1'));
    assert.ok(!isIpLiteral('atl-cs-001.litwareinc.com'));
  });
  test('parent DN honours escaped commas', () => {
    assert.equal(parentDn('CN=Doe\\, John,OU=RTC Special Accounts,DC=litwareinc,DC=com'), 'OU=RTC Special Accounts,DC=litwareinc,DC=com');
    assert.equal(parentDn('CN=x'), '');
  });
});
