/**
 * Every real capture under test/fixtures/samples/ decodes: put into the snapshot section it belongs to
 * (or, for cmdlets the console does not read, the section it would be mistaken for) next to the lab
 * org's own objects, it comes through — or is skipped with a note — and nothing else changes.
 * CliXml samples go through real PowerShell (Import-Clixml | ConvertTo-Json -Depth 4, as the host
 * converts what a session returns); Format-List samples are read as the printed strings.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { dnsNamesOf } from '../../../../shared/certificates/cert-model';
import type { OrgModel, SectionKey } from '../../../../shared/model/org';
import { evaluateRules, notJudged } from '../../../../shared/rules/engine';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { QUERIED_SERVER_PROPERTY } from '../../../../shared/snapshot/format';
import { labRaw } from '../../../support/lab';
import { NO_PWSH, PWSH } from '../../../support/powershell';
import { clixmlSamplesAsJson, formatListObjects, printedThumbprints, sampleFiles } from '../../../support/samples';

const decode = (raw: unknown) => decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
const lab = decode(labRaw());

/** The lab snapshot with the sample's objects added to one section. */
function withSample(section: SectionKey, objects: readonly unknown[]): OrgModel {
  const raw = labRaw();
  const [group, name] = section.split('.');
  raw[group][name].objects.push(...structuredClone(objects));
  return decode(raw);
}

/** Everything but `section` decodes exactly as in the lab; the org is still judged without a throw. */
function nothingElseBroke(org: OrgModel, section: SectionKey): void {
  const [group, name] = section.split('.') as ['exchange' | 'skype', string];
  const strip = (o: OrgModel) => {
    const copy = structuredClone(o) as unknown as Record<string, Record<string, unknown>>;
    delete copy.readState;
    const field = { mailboxes: 'mailboxes', users: 'users' }[name];
    if (field) delete copy[field];
    else {
      const modelName = { umServices: 'servers', callRouters: 'servers', clientAccess: 'servers', organization: 'organizationName', registrars: 'pools', exUmContacts: 'exUmContacts' }[name] ?? name;
      delete copy[group][modelName];
    }
    return copy;
  };
  assert.deepEqual(strip(org), strip(lab));
  assert.deepEqual(
    Object.keys(org.readState ?? {}).filter((k) => k !== section),
    [],
  );
  assert.doesNotThrow(() => evaluateRules(org));
  assert.doesNotThrow(() => notJudged(org));
}

const notesOf = (org: OrgModel, key: SectionKey) => org.readState?.[key]?.notes ?? [];

describe('CliXml samples, through Import-Clixml and ConvertTo-Json -Depth 4 in real PowerShell', { skip: NO_PWSH }, () => {
  const files = sampleFiles('clixml');
  const json = PWSH ? clixmlSamplesAsJson(PWSH, files) : new Map<string, unknown[]>();

  test('there are CliXml samples of Get-ExchangeServer, Get-ExchangeCertificate and Get-AuthConfig', () => {
    assert.deepEqual([...new Set(files.map((f) => f.replace(/-clixml-.*$/, '')))], ['get-authconfig', 'get-exchangecertificate', 'get-exchangeserver']);
  });

  test('Get-ExchangeServer (Exchange 2016 and 2019, rehydrated: version, site, role, ids as objects) → exchange.servers', () => {
    const objects = [...json.get('get-exchangeserver-clixml-1.txt')!, ...json.get('get-exchangeserver-clixml-2.txt')!];
    const org = withSample('exchange.servers', objects);
    const e16 = org.exchange.servers.find((s) => s.name === 'SOLO-E16A')!;
    const e19 = org.exchange.servers.find((s) => s.name === 'SOLO-E19A')!;
    assert.deepEqual([e16.version.major, e16.version.minor, e16.version.build, e16.version.revision, e16.version.product], [15, 1, 2375, 7, '2016']);
    assert.equal(e16.version.text, 'Version 15.1 (Build 2375.7)');
    assert.equal(e19.version.product, '2019');
    assert.equal(`${e19.version.major}.${e19.version.minor}`, '15.2');
    assert.equal(e16.fqdn, 'Solo-E16A.Solo.local');
    assert.equal(e16.site, 'Solo.local/Configuration/Sites/Default-First-Site-Name');
    assert.deepEqual(e16.roles, ['Mailbox']);
    assert.deepEqual([e16.isMailboxServer, e16.isClientAccessServer, e16.isUnifiedMessagingServer], [true, true, true]);
    assert.equal(e19.isUnifiedMessagingServer, false);
    assert.equal(org.readState, undefined);
    nothingElseBroke(org, 'exchange.servers');
  });

  for (const file of files.filter((f) => f.startsWith('get-exchangecertificate'))) {
    test(`${file} → exchange.certificates: facts from RawData, the printed thumbprints; services unknown over remoting`, () => {
      const objects = json.get(file)! as Record<string, unknown>[];
      const thumbprints = printedThumbprints(file);
      assert.equal(objects.length, thumbprints.length);
      assert.ok(objects.every((o) => o.Identity === undefined && o.Services === undefined && o.RawData !== undefined));

      // As the sample is: no server asked, no Identity — the certificates come through, their server unknown.
      const org = withSample('exchange.certificates', objects);
      const added = org.exchange.certificates.slice(lab.exchange.certificates.length);
      assert.deepEqual(
        added.map((c) => c.facts?.thumbprint),
        thumbprints,
      );
      for (const c of added) {
        assert.equal(c.unreadable, null);
        assert.equal(c.server, '');
        assert.deepEqual([c.services, c.servicesKnown, c.umBindingKnown], [[], false, false]);
      }
      const notes = notesOf(org, 'exchange.certificates').map((n) => n.text);
      assert.equal(notes.filter((t) => /the server is unknown/.test(t)).length, objects.length);
      assert.ok(notes.some((t) => t.startsWith(`${objects.length} certificates arrived without Services`)));
      nothingElseBroke(org, 'exchange.certificates');
      assert.deepEqual(
        notJudged(org).map((n) => n.id),
        ['R-X-01', 'R-X-02', 'R-X-03'],
      );

      // As the capture writes it: the server it asked added to each object.
      const asked = withSample(
        'exchange.certificates',
        objects.map((o) => ({ ...o, [QUERIED_SERVER_PROPERTY]: 'atl-exchange-019.litwareinc.com' })),
      );
      const mine = asked.exchange.certificates.slice(lab.exchange.certificates.length);
      assert.ok(mine.every((c) => c.server === 'atl-exchange-019.litwareinc.com' && c.umBindingKnown && c.services.length === 0));
      assert.equal(asked.readState?.['exchange.certificates']?.status, 'read');
    });
  }

  test('Get-AuthConfig (not read by the console) mistaken for exchange.partnerApplications: skipped with a note', () => {
    const objects = json.get('get-authconfig-clixml-1.txt')!;
    const org = withSample('exchange.partnerApplications', objects);
    assert.deepEqual(org.exchange.partnerApplications, lab.exchange.partnerApplications);
    const notes = notesOf(org, 'exchange.partnerApplications');
    assert.equal(notes.length, objects.length);
    assert.match(notes[0].text, /^exchange\.partnerApplications\[\d+\] "Auth Configuration" was skipped: exchange\.partnerApplications\[\d+\]\.Enabled is missing/);
    assert.equal(notes[0].reason, 'skipped');
    nothingElseBroke(org, 'exchange.partnerApplications');
  });
});

describe('Format-List samples, read as the printed strings', () => {
  test('every Format-List sample yields objects', () => {
    for (const f of sampleFiles('fl')) assert.ok(formatListObjects(f).length > 0, f);
  });

  test('Get-CsCertificate → skype.certificates: the printed facts (en-US dates), its server unknown', () => {
    const objects = formatListObjects('get-cscertificate-fl-1.txt');
    assert.equal(objects.length, 1);
    const org = withSample('skype.certificates', objects);
    const c = org.skype.certificates.at(-1)!;
    assert.equal(c.use, 'Default');
    assert.equal(c.server, '');
    assert.deepEqual(
      [c.facts?.thumbprint, c.facts?.subject, c.facts?.issuer, c.facts?.notBefore, c.facts?.notAfter],
      ['A9D51A2911C74FABFF7F2A8A994B20857D399107', 'CN=LYNC-SE.fabrikam.com', 'CN=FabrikamCA', '2014-01-02T12:49:37.000Z', '2015-12-28T15:35:41.000Z'],
    );
    assert.deepEqual(c.facts && dnsNamesOf(c.facts).slice(0, 2), ['sip.fabrikam.com', 'LYNC-SE.fabrikam.com']);
    assert.match(notesOf(org, 'skype.certificates')[0].text, /"A9D51A2911C74FABFF7F2A8A994B20857D399107": the server is unknown/);
    nothingElseBroke(org, 'skype.certificates');
  });

  test('Get-CsDialPlan → skype.dialPlans', () => {
    const org = withSample('skype.dialPlans', formatListObjects('get-csdialplan-fl-1.txt'));
    assert.deepEqual(org.skype.dialPlans.at(-1), { identity: 'Global', scope: 'Global', name: 'Global', simpleName: 'DefaultProfile' });
    assert.equal(org.readState, undefined);
    nothingElseBroke(org, 'skype.dialPlans');
  });

  test('Get-Mailbox (two listings of one mailbox) → exchange.mailboxes: one mailbox, its address from the SMTP: proxy', () => {
    const objects = formatListObjects('get-mailbox-fl-emailaddresses-1.txt');
    assert.equal(objects.length, 2);
    const org = withSample('exchange.mailboxes', objects);
    assert.equal(org.mailboxes.length, lab.mailboxes.length + 1);
    const m = org.mailboxes.at(-1)!;
    assert.deepEqual([m.displayName, m.primarySmtpAddress, m.emailAddresses, m.umEnabled], ['TestUser1', 'TestUser1@contoso.com', ['SMTP:TestUser1@contoso.com'], false]);
    assert.deepEqual(
      notesOf(org, 'exchange.mailboxes').map((n) => n.text),
      ['1 object returned more than once was counted once (same PrimarySmtpAddress)'],
    );
    nothingElseBroke(org, 'exchange.mailboxes');
  });

  // Cmdlets the console does not read, in the section each would be mistaken for.
  const intruders: readonly [string, SectionKey, RegExp][] = [
    ['get-csservice-webserver-fl-1.txt', 'skype.registrars', /is a WebServer service, not a Registrar service/],
    ['get-csservice-edgeserver-fl-1.txt', 'skype.registrars', /is a EdgeServer service, not a Registrar service/],
    ['get-cstrunkconfiguration-fl-1.txt', 'skype.pstnGateways', /PoolFqdn is missing/],
    ['get-cscommonareaphone-fl-1.txt', 'skype.exUmContacts', /AutoAttendant is missing/],
    ['get-cstrustedapplicationendpoint-fl-1.txt', 'skype.exUmContacts', /AutoAttendant is missing/],
    ['get-csmeetingroom-fl-1.txt', 'skype.users', /Enabled is missing/],
  ];
  for (const [file, section, why] of intruders) {
    test(`${file} in ${section}: skipped with a note, never an exception`, () => {
      const objects = formatListObjects(file);
      const org = withSample(section, objects);
      const notes = notesOf(org, section);
      assert.equal(org.readState?.[section]?.status, 'partial');
      assert.equal(notes.length, objects.length);
      for (const n of notes) {
        assert.equal(n.reason, 'skipped');
        assert.match(n.text, new RegExp(`^${section.replace('.', '\\.')}\\[\\d+\\]`));
        assert.match(n.text, why);
      }
      nothingElseBroke(org, section);
    });
  }
});
