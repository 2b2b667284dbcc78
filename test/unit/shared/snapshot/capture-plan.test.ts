import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  callRouterServers,
  commandsFor,
  dedupeObjects,
  EXCHANGE_READS,
  exchangeMajorOf,
  type ExchangeServerFacts,
  exchangeServerFacts,
  PAGE_ALPHABET,
  partitionFilter,
  pipelineText,
  planSection,
  providedBy,
  RECIPIENT_DEDUPE,
  type SectionRead,
  SKYPE_READS,
  splitPartition,
} from '../../../../shared/snapshot/capture-plan';
import { EXCHANGE_SECTIONS, SKYPE_SECTIONS } from '../../../../shared/snapshot/format';

const variants = (section: string): SectionRead[] => EXCHANGE_READS.filter((r) => r.section === section);
/** The commands a section reads for these servers, `?` marking a variant tried only if imported. */
const plan = (section: string, servers: ExchangeServerFacts[] | null) =>
  planSection(variants(section), servers).map((p) => `${p.read.command}${p.fallback ? ' (fallback)' : p.required ? '' : '?'}${p.servers ? ` ${p.servers.join(',')}` : ''}`);
const srv = (name: string, version: ExchangeServerFacts['version'], roles: { mailbox?: boolean; clientAccess?: boolean } = {}): ExchangeServerFacts => ({
  name,
  version,
  mailbox: roles.mailbox ?? false,
  clientAccess: roles.clientAccess ?? false,
});

describe('capture plan', () => {
  it('reads every section of the snapshot format, and only those', () => {
    assert.deepEqual([...new Set(EXCHANGE_READS.map((r) => r.section))].sort(), Object.keys(EXCHANGE_SECTIONS).sort());
    assert.deepEqual([...new Set(SKYPE_READS.map((r) => r.section))].sort(), Object.keys(SKYPE_SECTIONS).sort());
  });

  it('imports every variant it may use, and only what it uses, per shell', () => {
    const ex = commandsFor('exchange');
    for (const c of ['Get-UMService', 'Get-UMServer', 'Get-ClientAccessService', 'Get-ClientAccessServer', 'Get-UMCallRouterSettings', 'Get-UMDialPlan']) assert.ok(ex.includes(c), c);
    assert.ok(!ex.some((c) => c.includes('-Cs')));
    assert.ok(commandsFor('skype').every((c) => /-Cs/.test(c)));
    assert.ok(commandsFor('skype', ['Get-CsServerVersion']).includes('Get-CsServerVersion'));
  });

  it('pages the three user sections', () => {
    const paged = [...EXCHANGE_READS, ...SKYPE_READS].filter((r) => r.strategy.kind === 'paged').map((r) => r.section);
    assert.deepEqual(paged.sort(), ['mailboxes', 'umMailboxes', 'users']);
  });

  it('asks Exchange certificates for RawData and Thumbprint only, per server; mailboxes with their Guid', () => {
    const certs = variants('certificates')[0]!;
    assert.deepEqual(certs.select, ['RawData', 'Thumbprint']);
    assert.deepEqual(certs.strategy, { kind: 'perServer', parameter: 'Server', which: 'all' });
    assert.ok(variants('mailboxes')[0]!.select!.includes('Guid'));
    assert.equal(pipelineText([certs]), 'Get-ExchangeCertificate -Server <each> | Select-Object RawData,Thumbprint');
    assert.equal(pipelineText(SKYPE_READS.filter((r) => r.section === 'registrars')), 'Get-CsService -Registrar');
  });
});

describe('Exchange versions and roles', () => {
  it('reads AdminDisplayVersion as text or as a rehydrated ServerVersion', () => {
    assert.equal(exchangeMajorOf('Version 14.3 (Build 123.4)'), '2010');
    assert.equal(exchangeMajorOf('Version 15.0 (Build 1497.2)'), '2013');
    assert.equal(exchangeMajorOf('Version 15.1 (Build 2507.6)'), '2016');
    assert.equal(exchangeMajorOf('Version 15.2 (Build 1544.4)'), '2019');
    assert.equal(exchangeMajorOf({ Major: 15, Minor: 1, Build: 2507, Revision: 6 }), '2016');
    assert.equal(exchangeMajorOf('Version 8.3 (Build 83.6)'), null);
    assert.equal(exchangeMajorOf(undefined), null);
  });

  it('takes the roles from IsClientAccessServer/IsMailboxServer, else from ServerRole (text, list or enum object)', () => {
    assert.deepEqual(exchangeServerFacts({ Name: 'EX16', AdminDisplayVersion: 'Version 15.1 (Build 2507.6)', ServerRole: 'Mailbox', IsClientAccessServer: true, IsMailboxServer: true }), {
      name: 'EX16',
      version: '2016',
      mailbox: true,
      clientAccess: true,
    });
    assert.deepEqual(exchangeServerFacts({ Name: 'EX13', AdminDisplayVersion: 'Version 15.0 (Build 1497.2)', ServerRole: ['ClientAccess'] }), {
      name: 'EX13',
      version: '2013',
      mailbox: false,
      clientAccess: true,
    });
    assert.deepEqual(
      exchangeServerFacts({
        Name: 'EX10',
        AdminDisplayVersion: 'Version 14.3 (Build 123.4)',
        ServerRole: { value: 'Mailbox, UnifiedMessaging', Value: 'Mailbox, UnifiedMessaging' },
        IsClientAccessServer: 'False',
      }),
      { name: 'EX10', version: '2010', mailbox: true, clientAccess: false },
    );
    assert.equal(exchangeServerFacts({ AdminDisplayVersion: 'x' }), null);
    // Per-server reads ask by FQDN: the name Exchange gives a certificate's server (Identity ServerFQDN\Thumbprint).
    const withFqdn = exchangeServerFacts({ Name: 'EX16', Fqdn: 'ex16.contoso.com', AdminDisplayVersion: 'Version 15.1 (Build 2507.6)', IsClientAccessServer: true, IsMailboxServer: true })!;
    assert.equal(withFqdn.target, 'ex16.contoso.com');
    assert.deepEqual(
      planSection(variants('certificates'), [withFqdn]).map((p) => p.servers),
      [['ex16.contoso.com']],
    );
    assert.deepEqual(callRouterServers([withFqdn]), ['ex16.contoso.com']);
  });

  it('call routers: 2013 Client Access servers and 2016 Mailbox servers (CAS is part of the Mailbox role); never 2010 or 2019', () => {
    const servers = [
      srv('E13-CAS', '2013', { clientAccess: true }),
      srv('E13-MBX', '2013', { mailbox: true }),
      srv('E16-MBX', '2016', { mailbox: true, clientAccess: true }),
      srv('E16-ROLE-ONLY', '2016', { mailbox: true }),
      srv('E16-EDGE', '2016'),
      srv('E19', '2019', { mailbox: true, clientAccess: true }),
      srv('E10', '2010', { mailbox: true, clientAccess: true }),
      srv('E-UNKNOWN-CAS', null, { clientAccess: true }),
    ];
    assert.deepEqual(callRouterServers(servers), ['E13-CAS', 'E16-MBX', 'E16-ROLE-ONLY', 'E-UNKNOWN-CAS']);
  });
});

describe('which cmdlets per version', () => {
  const e10 = srv('E10', '2010', { mailbox: true, clientAccess: true });
  const e13cas = srv('E13', '2013', { clientAccess: true });
  const e16 = srv('E16', '2016', { mailbox: true, clientAccess: true });
  const e19 = srv('E19', '2019', { mailbox: true, clientAccess: true });

  it('Exchange 2010: Get-UMServer, Get-ClientAccessServer, no call router', () => {
    assert.deepEqual(plan('umServices', [e10]), ['Get-UMServer']);
    assert.deepEqual(plan('clientAccess', [e10]), ['Get-ClientAccessServer']);
    assert.deepEqual(plan('callRouters', [e10]), []);
  });

  it('Exchange 2013: Get-UMService, Get-ClientAccessServer, call routers on the Client Access servers', () => {
    assert.deepEqual(plan('umServices', [e13cas]), ['Get-UMService']);
    assert.deepEqual(plan('clientAccess', [e13cas]), ['Get-ClientAccessServer']);
    assert.deepEqual(plan('callRouters', [e13cas]), ['Get-UMCallRouterSettings E13']);
  });

  it('Exchange 2016: Get-UMService, Get-ClientAccessService, call routers on the Mailbox servers', () => {
    assert.deepEqual(plan('umServices', [e16]), ['Get-UMService']);
    assert.deepEqual(plan('clientAccess', [e16]), ['Get-ClientAccessService', 'Get-ClientAccessServer (fallback)']);
    assert.deepEqual(plan('callRouters', [e16]), ['Get-UMCallRouterSettings E16']);
  });

  it('Exchange 2019: no UM service, no call router; Get-ClientAccessService', () => {
    assert.deepEqual(plan('umServices', [e19]), []);
    assert.deepEqual(plan('callRouters', [e19]), []);
    assert.deepEqual(
      plan('clientAccess', [e19]),
      ['Get-ClientAccessService', 'Get-ClientAccessServer (fallback)'],
      'Get-ClientAccessServer answers for every CAS on every version: read when the other is not imported',
    );
  });

  it('mixed orgs need every variant their servers call for; 2019 servers are never asked for UM', () => {
    assert.deepEqual(plan('umServices', [e10, e16, e19]), ['Get-UMService', 'Get-UMServer']);
    assert.deepEqual(plan('clientAccess', [e10, e16]), ['Get-ClientAccessService', 'Get-ClientAccessServer']);
    assert.deepEqual(plan('callRouters', [e10, e13cas, e16, e19]), ['Get-UMCallRouterSettings E13,E16']);
    assert.deepEqual(plan('certificates', [e10, e16, e19]), ['Get-ExchangeCertificate E10,E16,E19']);
  });

  it('servers of unknown version or not read: every variant, tried only where imported; per-server reads cannot be planned', () => {
    assert.deepEqual(plan('umServices', null), ['Get-UMService?', 'Get-UMServer?']);
    assert.deepEqual(plan('umServices', [e16, srv('E-NEW', null, { mailbox: true })]), ['Get-UMService', 'Get-UMServer?']);
    assert.deepEqual(plan('callRouters', null), ['Get-UMCallRouterSettings']);
    assert.deepEqual(plan('dialPlans', [e19]), ['Get-UMDialPlan'], 'org-wide UM reads are always asked: a 2019 shell then says it lacks them');
  });

  it('names who would provide a missing cmdlet, from the command table', () => {
    assert.match(providedBy('Get-UMService') ?? '', /^Exchange 2013, Exchange 2016; roles: .*UM Management/);
    assert.match(providedBy('Get-UMServer') ?? '', /^Exchange 2010;/);
    assert.match(providedBy('Get-CsCertificate') ?? '', /Lync Server 2013, Skype for Business Server 2015, Skype for Business Server 2019/);
    assert.equal(providedBy('Get-UmcNoSuchCmdlet'), null);
  });
});

describe('de-duplication', () => {
  it('keeps the first object per Guid, else DN, else primary address; objects without any are kept', () => {
    const objects = [
      { Guid: 'A', PrimarySmtpAddress: 'bob@x' },
      { Guid: 'a', PrimarySmtpAddress: 'bob@x' },
      { Guid: null, PrimarySmtpAddress: 'carol@x' },
      { PrimarySmtpAddress: 'CAROL@x' },
      { DistinguishedName: 'CN=Dan', PrimarySmtpAddress: 'dan@x' },
      { DistinguishedName: 'CN=Dan', PrimarySmtpAddress: 'dan2@x' },
      { Other: 1 },
      { Other: 1 },
    ];
    assert.deepEqual(dedupeObjects(objects, RECIPIENT_DEDUPE), [objects[0], objects[2], objects[4], objects[6], objects[7]]);
  });
});

describe('prefix partitions', () => {
  it('writes the filter with -like / -notlike', () => {
    assert.equal(partitionFilter('SipAddress', { prefix: 'sip:a', except: ['sip:ab', 'sip:ac'] }), "SipAddress -like 'sip:a*' -and SipAddress -notlike 'sip:ab*' -and SipAddress -notlike 'sip:ac*'");
  });

  it('refuses a prefix that would need quoting', () => {
    assert.throws(() => partitionFilter('SipAddress', { prefix: "sip:o'", except: [] }));
    assert.throws(() => partitionFilter('SipAddress', { prefix: 'a*', except: [] }));
  });

  it('splits on the next characters seen, and keeps a remainder for the rest', () => {
    const { children, remainder } = splitPartition({ prefix: 'sip:', except: [] }, ['sip:alice@x', 'SIP:Bob@x', 'sip:alice2@x', "sip:'odd@x"]);
    assert.deepEqual(
      children.map((c) => c.prefix),
      ['sip:a', 'sip:b'],
    );
    assert.deepEqual(remainder, { prefix: 'sip:', except: ['sip:a', 'sip:b'] });
  });

  it('a remainder that overflows again splits on the rest of the alphabet, then gives up (read unpaged)', () => {
    const first = splitPartition({ prefix: 'p', except: ['pa', 'pb'] }, ['pa1', 'pb2']);
    assert.equal(first.children.length, PAGE_ALPHABET.length - 2);
    assert.equal(first.remainder!.except.length, PAGE_ALPHABET.length);
    assert.deepEqual(splitPartition(first.remainder!, ["p'x"]), { children: [], remainder: null });
  });

  it('partitions cover every key exactly once', () => {
    const keys = ['sip:a1', 'sip:a2', 'sip:b', "sip:'q", 'sip:ä', 'sip:'];
    const { children, remainder } = splitPartition({ prefix: 'sip:', except: [] }, keys);
    const inPart = (k: string, p: { prefix: string; except: readonly string[] }) => k.startsWith(p.prefix) && !p.except.some((e) => k.startsWith(e));
    for (const k of keys) assert.equal([...children, remainder!].filter((p) => inPart(k, p)).length, 1, k);
  });
});
