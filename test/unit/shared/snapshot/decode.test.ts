import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateSnapshot } from '../../../support/org-builder/generate-org';
import type { OrgModel, SectionKey } from '../../../../shared/model/org';
import { renderMessage } from '../../../../shared/i18n/translate';
import { decodeSnapshot, isIpLiteral, parentDn, parseExchangeVersion } from '../../../../shared/snapshot/decode';
import { SnapshotError } from '../../../../shared/snapshot/property-readers';
import { EXCHANGE_SECTIONS, QUERIED_SERVER_PROPERTY, SKYPE_SECTIONS } from '../../../../shared/snapshot/format';
import { evaluateRules, notJudged } from '../../../../shared/rules/engine';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { labRaw } from '../../../support/lab';
import { variantOf } from '../../../support/diagnostics';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';

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
    assert.deepEqual(
      org.exchange.servers.map((s) => `${s.name} ${s.version.product}`),
      ['ATL-EX-001 2016', 'ATL-EX-002 2016', 'DAL-EX-003 2016', 'ATL-EX-019 2019'],
    );
    assert.deepEqual(
      org.skype.pools.map((p) => p.role),
      ['FrontEnd', 'StandardEdition', 'FrontEnd', 'Director', 'SurvivableBranchAppliance'],
    );
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
    assert.equal(org.exchange.certificates.find((x) => x.facts?.subjectCommonName === 'ATL-EX-002')!.facts!.selfSigned, true);
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
    const raw5 = generateSnapshot({ exchangeServers: 2, dialPlans: 4, gateways: 10, users: 20, edition: '5.1' });
    const raw7 = generateSnapshot({ exchangeServers: 2, dialPlans: 4, gateways: 10, users: 20, edition: '7' });
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

describe('a file that is not a snapshot is refused with one clear message', () => {
  test('not an object / not a snapshot', () => {
    refused([], /not a UM Integration Console snapshot/);
    refused({ format: 'something-else' }, /"format" is "something-else", expected "umc-snapshot"/);
  });
  test('another format version', () => {
    refused({ ...labRaw(), formatVersion: 2 }, /snapshot format version 2 is not supported; this console reads version 1/);
  });
  test('a missing capture time or source', () => {
    const raw = labRaw();
    delete raw.capturedAt;
    refused(raw, /capturedAt is missing/);
    const raw2 = labRaw();
    delete raw2.source;
    refused(raw2, /no "source" object/);
    const raw3 = labRaw();
    raw3.source.kind = 'cloud';
    refused(raw3, /source\[0\]\.kind has the wrong type: expected one of lab, live/);
  });
});

/** The notes of one section, in English. */
const notesOf = (org: OrgModel, key: SectionKey) => (org.readState?.[key]?.notes ?? []).map((n) => n.text);

describe('what a reader skips, and says: one object or section never stops the others', () => {
  const lab = decode(labRaw());

  test('the lab reads whole: no read state', () => {
    assert.equal(lab.readState, undefined);
  });

  test('every absent section is not read, named with its cmdlet; the rest of the org is read', () => {
    for (const [group, sections] of [
      ['exchange', EXCHANGE_SECTIONS],
      ['skype', SKYPE_SECTIONS],
    ] as const) {
      for (const [name, command] of Object.entries(sections)) {
        const raw = labRaw();
        delete raw[group][name];
        const org = decode(raw);
        const key = `${group}.${name}` as SectionKey;
        assert.equal(org.readState?.[key]?.status, 'not-read', key);
        assert.deepEqual(notesOf(org, key), [`the snapshot has no section ${key} (${command}): not read`]);
        assert.deepEqual(Object.keys(org.readState ?? {}), [key], `only ${key} is marked`);
      }
    }
    const raw = labRaw();
    delete raw.exchange.umServices;
    const org = decode(raw);
    assert.equal(org.exchange.servers.length, lab.exchange.servers.length);
    assert.ok(org.exchange.servers.every((s) => s.umService === null));
    assert.deepEqual(org.skype, lab.skype);
  });

  test('a whole group absent: each of its sections is not read', () => {
    const raw = labRaw();
    delete raw.skype;
    const org = decode(raw);
    assert.deepEqual(
      Object.keys(org.readState ?? {}).sort(),
      Object.keys(SKYPE_SECTIONS)
        .map((n) => `skype.${n}`)
        .sort(),
    );
    assert.equal(org.skype.pools.length, 0);
    assert.deepEqual(org.exchange.servers, lab.exchange.servers);
  });

  test('a section of the wrong shape is not read', () => {
    const raw = labRaw();
    raw.skype.users = { command: 'Get-CsUser', objects: 'none' };
    const org = decode(raw);
    assert.equal(org.readState?.['skype.users']?.status, 'not-read');
    assert.deepEqual(notesOf(org, 'skype.users'), ['section skype.users is not an object with an "objects" array: not read']);
    assert.equal(org.users.length, 0);
    assert.equal(org.mailboxes.length, lab.mailboxes.length);
  });

  test('an object with a value of the wrong type is skipped with a note naming section, object and value', () => {
    const raw = labRaw();
    raw.exchange.ipGateways.objects[2].Port = 'five';
    const org = decode(raw);
    assert.equal(org.exchange.ipGateways.length, lab.exchange.ipGateways.length - 1);
    assert.ok(!org.exchange.ipGateways.some((g) => g.name === lab.exchange.ipGateways[2].name));
    assert.equal(org.readState?.['exchange.ipGateways']?.status, 'partial');
    const [note] = org.readState!['exchange.ipGateways']!.notes;
    assert.equal(note.reason, 'skipped');
    assert.equal(
      note.text,
      `exchange.ipGateways[2] "${raw.exchange.ipGateways.objects[2].Identity}" was skipped: exchange.ipGateways[2].Port has the wrong type: expected an integer, got the string "five"`,
    );
    assert.deepEqual(note.message?.key, 'snapshot.note.objectSkipped');
    assert.match(renderMessage('fr', note.message!), /a été ignoré/);
  });

  test('values PowerShell prints are read: "True", "5061"; an unknown enum value is kept', () => {
    const raw = labRaw();
    raw.skype.users.objects[41].Enabled = 'True';
    raw.exchange.ipGateways.objects[2].Port = '5061';
    raw.exchange.dialPlans.objects[0].VoIPSecurity = 'Encrypted';
    const org = decode(raw);
    assert.equal(org.readState, undefined);
    assert.equal(org.users[41].enabled, true);
    assert.equal(org.exchange.ipGateways[2].port, 5061);
    assert.equal(org.exchange.dialPlans[0].voipSecurity, 'Encrypted');
  });

  test('other skipped objects: a user whose Enabled is not a Boolean, a server whose version is not one', () => {
    const raw = labRaw();
    raw.skype.users.objects[41].Enabled = 'yes';
    raw.exchange.servers.objects[1].AdminDisplayVersion = 'fifteen';
    const org = decode(raw);
    assert.equal(org.users.length, lab.users.length - 1);
    assert.match(
      notesOf(org, 'skype.users')[0],
      /^skype\.users\[41\] "sip:fatima\.thomas41@litwareinc\.com" was skipped: skype\.users\[41\]\.Enabled has the wrong type: expected true or false, got the string "yes"$/,
    );
    assert.deepEqual(
      org.exchange.servers.map((s) => s.name),
      ['ATL-EX-001', 'DAL-EX-003', 'ATL-EX-019'],
    );
    assert.match(notesOf(org, 'exchange.servers')[0], /exchange\.servers\[1\] "ATL-EX-002" was skipped: exchange\.servers\[1\]\.AdminDisplayVersion "fifteen" is not an Exchange version string/);
  });

  test('an optional value that cannot be read is left empty: the object stays', () => {
    const raw = labRaw();
    raw.exchange.dialPlans.objects[0].PhoneContext = { unexpected: true };
    const org = decode(raw);
    assert.equal(org.exchange.dialPlans.length, lab.exchange.dialPlans.length);
    assert.equal(org.exchange.dialPlans[0].phoneContext, '');
    assert.equal(org.readState?.['exchange.dialPlans']?.status, 'partial');
    assert.deepEqual(notesOf(org, 'exchange.dialPlans'), [
      'exchange.dialPlans[0] "Litware-SIP-Secured": exchange.dialPlans[0].PhoneContext has the wrong type: expected a string or null, got an object; that value was left empty',
    ]);
  });

  test('something that is not an object, and a hundred bad users: 20 notes and a count, never an exception', () => {
    const raw = labRaw();
    raw.exchange.huntGroups.objects.push('not an object');
    for (let i = 0; i < 100; i++) raw.skype.users.objects[i].ExUmEnabled = 'perhaps';
    const org = decode(raw);
    assert.match(notesOf(org, 'exchange.huntGroups')[0], /exchange\.huntGroups\[\d+\] \(unnamed\) was skipped: exchange\.huntGroups\[\d+\] is not an object \(got the string "not an object"\)/);
    const notes = notesOf(org, 'skype.users');
    assert.equal(notes.length, 21);
    assert.equal(notes[20], '80 more objects or values of skype.users could not be read');
    assert.equal(org.users.length, lab.users.length - 100);
  });

  test("the capture's status and notes are kept; the decoder's notes are added", () => {
    const raw = labRaw();
    raw.exchange.umServices = {
      command: 'Get-UMService',
      objects: [],
      status: 'not-read',
      notes: [{ text: 'Get-UMService is not available to this account/version', cmdlet: 'Get-UMService', reason: 'unavailable', providedBy: 'Exchange 2013, 2016' }],
    };
    raw.exchange.certificates.status = 'partial';
    raw.exchange.certificates.notes = [{ text: 'Get-ExchangeCertificate on ATL-EX-019 failed: timeout', reason: 'failed' }, { nope: 1 }];
    raw.exchange.certificates.objects[1].RawData = 12;
    raw.skype.sites.status = 'half';
    const org = decode(raw);
    assert.deepEqual(org.readState?.['exchange.umServices'], {
      status: 'not-read',
      notes: [{ text: 'Get-UMService is not available to this account/version', cmdlet: 'Get-UMService', reason: 'unavailable', providedBy: 'Exchange 2013, 2016' }],
    });
    assert.equal(org.readState?.['exchange.certificates']?.status, 'partial');
    assert.deepEqual(notesOf(org, 'exchange.certificates'), [
      'Get-ExchangeCertificate on ATL-EX-019 failed: timeout',
      'note 1 of section exchange.certificates is not a readable note and was left out',
      `exchange.certificates[1] "${raw.exchange.certificates.objects[1].Identity}" was skipped: exchange.certificates[1].RawData has the wrong type: expected base64 bytes or an array of byte values, got number 12`,
    ]);
    assert.equal(org.readState?.['skype.sites']?.status, 'partial');
    assert.deepEqual(notesOf(org, 'skype.sites'), ['section skype.sites has the unknown status "half": taken as partial']);
  });

  test('an unreadable certificate does not sink the snapshot: it is reported on that certificate', () => {
    const raw = labRaw();
    raw.exchange.certificates.objects[0].RawData = 'AAAA';
    const org = decode(raw);
    assert.equal(org.exchange.certificates[0].facts, null);
    assert.match(org.exchange.certificates[0].unreadable ?? '', /not a DER X\.509 certificate/);
  });
});

/** An AD object id as it comes rehydrated (samples/get-exchangeserver-clixml-1.txt, after Import-Clixml | ConvertTo-Json). */
const adId = (name: string, dn: string) => ({
  SerializationData: [0, 0, 0],
  IsDeleted: false,
  Rdn: `CN=${name}`,
  DistinguishedName: dn,
  ObjectGuid: '1fc87301-759c-4bf8-8751-4aebc7e217d1',
  Name: name,
});

describe('rehydrated objects (the console inside the Exchange Management Shell) decode like their strings', () => {
  test('servers: AdminDisplayVersion, Site, ServerRole, Identity as objects', () => {
    const lab = decode(labRaw());
    const raw = labRaw();
    for (const o of raw.exchange.servers.objects) {
      const [, major, minor, build, revision] = /Version (\d+)\.(\d+) \(Build (\d+)\.(\d+)\)/.exec(o.AdminDisplayVersion)!.map(Number);
      o.AdminDisplayVersion = { SerializationData: [0, 0, 0], Major: major, Minor: minor, Build: build, Revision: revision, FilePatchLevelDescription: null };
      const site = o.Site.split('/').at(-1);
      o.Site = adId(site, `CN=${site},CN=Sites,CN=Configuration,DC=litwareinc,DC=com`);
      o.ServerRole = o.ServerRole === 'Mailbox' ? { value: 2, Value: 'Mailbox' } : { value: 6, Value: o.ServerRole };
      o.Identity = adId(o.Name, o.DistinguishedName);
    }
    for (const o of raw.exchange.umServices.objects) o.Identity = adId(o.Identity, `CN=${o.Identity},CN=Servers`);
    for (const o of raw.exchange.dialPlans.objects) o.UMIPGateway = o.UMIPGateway.map((g: string) => adId(g, `CN=${g},CN=UM IPGateway Container`));
    for (const o of raw.exchange.huntGroups.objects) {
      o.Identity = adId(o.Name, o.DistinguishedName);
      o.UMIPGateway = adId(o.UMIPGateway, `CN=${o.UMIPGateway},CN=UM IPGateway Container`);
      o.UMDialPlan = adId(o.UMDialPlan, `CN=${o.UMDialPlan},CN=UM DialPlan Container`);
    }
    for (const o of raw.exchange.ipGateways.objects) o.Status = { value: 0, Value: o.Status };
    const org = decode(raw);
    assert.equal(org.readState, undefined);
    assert.deepEqual(org.exchange, lab.exchange);
  });

  test('the same server as a 5.1 capture with a bare ServerRole number: the documented Mailbox = 2', () => {
    const raw = labRaw();
    raw.exchange.servers.objects[3].ServerRole = 2;
    assert.deepEqual(decode(raw).exchange.servers[3].roles, ['Mailbox']);
  });
});

describe('per-version objects', () => {
  test('Exchange 2010: Get-UMServer objects in umServices (DialPlans, UMStartupMode, Status), Get-ClientAccessServer in clientAccess', () => {
    const raw = labRaw();
    raw.exchange.servers.objects[1].AdminDisplayVersion = 'Version 14.3 (Build 123.4)';
    raw.exchange.servers.objects[1].ServerRole = 'Mailbox, ClientAccess, UnifiedMessaging, HubTransport';
    raw.exchange.umServices.objects[1] = {
      Identity: 'ATL-EX-002',
      Name: 'ATL-EX-002',
      DialPlans: ['Litware-SIP-Secured'],
      UMStartupMode: 'TLS',
      Status: 'Enabled',
      SipTcpListeningPort: 5060,
      SipTlsListeningPort: 5061,
      UMCertificateThumbprint: null,
      MaxCallsAllowed: 100,
    };
    raw.exchange.clientAccess.command = 'Get-ClientAccessServer';
    const org = decode(raw);
    const s = org.exchange.servers[1];
    assert.equal(s.version.product, '2010');
    assert.deepEqual(s.umService, { startupMode: 'TLS', dialPlans: ['Litware-SIP-Secured'], sipTcpPort: 5060, sipTlsPort: 5061, certificateThumbprint: null });
    assert.deepEqual(s.roles, ['Mailbox', 'ClientAccess', 'UnifiedMessaging', 'HubTransport']);
  });

  test('Exchange 2010 UM IP gateways have no IPAddressFamily: left empty, the gateway kept', () => {
    const raw = labRaw();
    delete raw.exchange.ipGateways.objects[0].IPAddressFamily;
    const org = decode(raw);
    assert.equal(org.exchange.ipGateways[0].ipAddressFamily, '');
    assert.equal(org.readState, undefined);
  });

  test('call routers read per server carry the server the capture asked (UmcQueriedServer)', () => {
    const raw = labRaw();
    for (const o of raw.exchange.callRouters.objects) {
      const server = raw.exchange.servers.objects.find((x: any) => x.Name === o.Identity);
      o[QUERIED_SERVER_PROPERTY] = server.Fqdn;
      o.Identity = 'the server the session is on';
    }
    assert.deepEqual(decode(raw).exchange.servers, decode(labRaw()).exchange.servers);
  });

  test('Get-CsService objects of another role are not taken for registrars, mediation servers or PSTN gateways', () => {
    const raw = labRaw();
    raw.skype.registrars.objects.push({ Identity: 'WebServer:pool01.contoso.net', PoolFqdn: 'pool01.contoso.net', Version: 5, Role: 'WebServer' });
    raw.skype.pstnGateways.objects.push({ Identity: 'EdgeServer: dc.fabrikam.com', PoolFqdn: 'dc.fabrikam.com', SiteId: 'site:fabrikam.com' });
    const org = decode(raw);
    assert.equal(org.skype.pstnGateways.length, decode(labRaw()).skype.pstnGateways.length);
    assert.match(
      notesOf(org, 'skype.registrars')[0],
      /skype\.registrars\[\d+\] "WebServer:pool01\.contoso\.net" was skipped: skype\.registrars\[\d+\] is a WebServer service, not a Registrar service/,
    );
    assert.match(notesOf(org, 'skype.pstnGateways')[0], /is a EdgeServer service, not a PstnGateway service/);
  });
});

describe('Exchange certificates over remoting: RawData only', () => {
  /** The lab's certificates as remoting delivers them, with the UM bindings where Exchange keeps them. */
  function overRemoting(bindings = true) {
    const raw = labRaw();
    const umThumb = new Map<string, string>();
    const crThumb = new Map<string, string>();
    for (const c of raw.exchange.certificates.objects) {
      const [server, thumbprint] = c.Identity.split('\\');
      const host = server.split('.')[0].toLowerCase();
      if (/\bUM\b/.test(c.Services)) umThumb.set(host, thumbprint);
      if (/UMCallRouter/.test(c.Services)) crThumb.set(host, thumbprint);
      c[QUERIED_SERVER_PROPERTY] = server;
      delete c.Identity;
      delete c.Services;
      delete c.Status;
    }
    if (bindings) {
      const hostOf = (o: any) => o.Identity.replace(/^([A-Z]+)-EX-0*(\d+)$/, (_: string, site: string, n: string) => `${site.toLowerCase()}-exchange-${n.padStart(3, '0')}`);
      for (const o of raw.exchange.umServices.objects) o.UMCertificateThumbprint = umThumb.get(hostOf(o)) ?? null;
      for (const o of raw.exchange.callRouters.objects) o.UMCertificateThumbprint = crThumb.get(hostOf(o)) ?? null;
    }
    return raw;
  }

  test('the server is the one asked; UM and UMCallRouter come from UMCertificateThumbprint; the rest is unknown, not "none"', () => {
    const lab = decode(labRaw());
    const org = decode(overRemoting());
    assert.equal(org.exchange.certificates.length, lab.exchange.certificates.length);
    org.exchange.certificates.forEach((c, i) => {
      const l = lab.exchange.certificates[i];
      assert.equal(c.server, l.server);
      assert.deepEqual(c.facts, l.facts);
      assert.deepEqual(
        c.services,
        l.services.filter((x) => x === 'UM' || x === 'UMCallRouter'),
        `${c.server} ${c.facts?.thumbprint}`,
      );
      assert.equal(c.servicesKnown, false);
      assert.equal(c.umBindingKnown, true);
    });
    assert.deepEqual(notesOf(org, 'exchange.certificates'), [
      '10 certificates arrived without Services (over remoting an ExchangeCertificate carries its RawData only): their UM and UMCallRouter bindings come from the UMCertificateThumbprint of Get-UMService and Get-UMCallRouterSettings; their other services are unknown over remoting',
    ]);
    assert.equal(org.readState?.['exchange.certificates']?.status, 'read');
    // The UM certificate rules judge the same certificates.
    const about = (fs: readonly Diagnostic[]) =>
      fs
        .filter((f) => f.rule.startsWith('R-X-'))
        .map((f) => `${f.rule} ${variantOf(f)} ${f.objects.map((o) => o.id).join(' ')}`)
        .sort();
    assert.deepEqual(about(evaluateRules(org)), about(evaluateRules(lab)));
    assert.deepEqual(notJudged(org), []);
  });

  test('without UMCertificateThumbprint the UM binding is unknown (Exchange 2019 certificates excepted: no UM there)', () => {
    const org = decode(overRemoting(false));
    const known = org.exchange.certificates.filter((c) => c.umBindingKnown).map((c) => c.server);
    assert.deepEqual([...new Set(known)], ['atl-exchange-019.litwareinc.com']);
    assert.ok(org.exchange.certificates.every((c) => c.services.length === 0));
    assert.match(notesOf(org, 'exchange.certificates')[1], /^the UM bindings of 8 certificates could not be read/);
  });

  test('PowerShell 7 rehydrates an X509Certificate2: RawData as bytes, a Thumbprint, the remoting members', () => {
    const raw = overRemoting();
    for (const c of raw.exchange.certificates.objects) {
      const der = Buffer.from(c.RawData, 'base64');
      c.RawData = [...der];
      c.Thumbprint = 'ignored: the thumbprint is read from RawData';
      c.Archived = false;
      c.Extensions = [{ Critical: true, Oid: { Value: '2.5.29.15', FriendlyName: 'X509v3 Key Usage' }, RawData: [3, 2, 5, 160] }];
      c.SerializationData = [0, 0, 0];
    }
    const a = decode(raw).exchange.certificates;
    const b = decode(overRemoting()).exchange.certificates;
    assert.deepEqual(a, b);
  });

  test('a bare AllowedServices number (undocumented values) is reported; the services stay unknown, the UM bindings read', () => {
    const raw = overRemoting();
    raw.exchange.certificates.objects[0].Services = 20;
    const org = decode(raw);
    const c = org.exchange.certificates[0];
    assert.deepEqual([c.services, c.servicesKnown, c.umBindingKnown], [['UM', 'UMCallRouter'], false, true]);
    assert.match(notesOf(org, 'exchange.certificates')[0], /exchange\.certificates\[0\]\.Services has the wrong type: expected a comma-separated flag list, got number 20; that value was left empty$/);
  });

  test('no server asked and no Identity: the server is unknown, said per certificate', () => {
    const raw = overRemoting();
    delete raw.exchange.certificates.objects[0][QUERIED_SERVER_PROPERTY];
    const org = decode(raw);
    assert.equal(org.exchange.certificates[0].server, '');
    assert.equal(org.exchange.certificates[0].umBindingKnown, false);
    assert.equal(org.readState?.['exchange.certificates']?.status, 'partial');
    assert.deepEqual(
      notesOf(org, 'exchange.certificates')[0],
      'exchange.certificates[0] "5A8B7A3381FCF5D6B78497FF21E1D55660196E2E": the server is unknown (the object has none of UmcQueriedServer, Identity "server\\thumbprint"); that value was left empty',
    );
  });
});

describe('mailboxes counted once', () => {
  test('a mailbox returned by two pages (the -like filter matches secondary addresses) is one mailbox, said once', () => {
    const lab = decode(labRaw());
    const raw = labRaw();
    raw.exchange.mailboxes.objects.push(structuredClone(raw.exchange.mailboxes.objects[3]), structuredClone(raw.exchange.mailboxes.objects[7]));
    raw.exchange.umMailboxes.objects.push(structuredClone(raw.exchange.umMailboxes.objects[0]));
    const org = decode(raw);
    assert.deepEqual(org.mailboxes, lab.mailboxes);
    assert.deepEqual(notesOf(org, 'exchange.mailboxes'), ['2 objects returned more than once were counted once (same PrimarySmtpAddress)']);
    assert.deepEqual(notesOf(org, 'exchange.umMailboxes'), ['1 object returned more than once was counted once (same PrimarySmtpAddress)']);
    assert.equal(org.readState?.['exchange.mailboxes']?.status, 'read');
  });

  test('by Guid when the capture carries it: the stable id wins over the address', () => {
    const raw = labRaw();
    const [a, b] = raw.exchange.mailboxes.objects;
    a.Guid = 'c7f6a3ee-1ab5-46e5-ae50-51d6e48ffc91';
    b.Guid = { value: 'C7F6A3EE-1AB5-46E5-AE50-51D6E48FFC91' };
    const org = decode(raw);
    assert.equal(org.mailboxes.length, decode(labRaw()).mailboxes.length - 1);
    assert.deepEqual(notesOf(org, 'exchange.mailboxes'), ['1 object returned more than once was counted once (same Guid)']);
  });

  test('a mailbox without PrimarySmtpAddress takes it from its SMTP: proxy address', () => {
    const raw = labRaw();
    const m = raw.exchange.mailboxes.objects[0];
    const primary = m.PrimarySmtpAddress;
    delete m.PrimarySmtpAddress;
    delete m.AccountDisabled;
    const org = decode(raw);
    assert.equal(org.mailboxes[0].primarySmtpAddress, primary);
    assert.equal(org.mailboxes[0].accountDisabled, false);
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
