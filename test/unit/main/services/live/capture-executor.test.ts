/**
 * The capture executor's decisions, with scripted shells (the real-PowerShell runs are in
 * capture.test.ts and capture-versions.test.ts): the cmdlets chosen by the servers' versions, a
 * cmdlet not imported → not read with who provides it, failed calls → partial, per-server objects
 * labelled with the server asked, duplicates dropped, Get-CsCertificate's one-server answer said,
 * the other servers' presented certificates added on live orgs only, and a lost shell failing the capture.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMessage, UserError } from '../../../../../shared/i18n/translate';
import { captureSnapshot, type ShellCall } from '../../../../../main/services/live/capture';
import { PowerShellError } from '../../../../../main/powershell/powershell-host';
import { CommandNotAvailableError, type CallResult } from '../../../../../main/powershell/shell-session';
import type { Parameters } from '../../../../../main/powershell/host-protocol';

type Answer = unknown[] | ((p: Parameters) => unknown[] | CallResult) | Error;

const result = (objects: unknown[], errors: CallResult['errors'] = []): CallResult => ({ objects, errors, warnings: [], psMs: 0, totalMs: 0 });
const cmdletError = (message: string) => new PowerShellError({ kind: 'cmdlet', message, category: 'ObjectNotFound', reason: 'x', errorId: 'x', targetObject: null, exceptionType: '' }, 'x');

/** A shell answering from a table; every call is recorded as `Command -Param value`. */
function shell(name: 'exchange' | 'skype', table: Record<string, Answer>, log: string[]): ShellCall {
  return async (command, parameters) => {
    log.push(
      [
        command,
        ...Object.entries(parameters)
          .filter(([k]) => k !== 'Filter' && k !== 'ResultSize')
          .map(([k, v]) => `-${k} ${String(v)}`),
      ].join(' '),
    );
    const a = table[command];
    if (a === undefined) throw new CommandNotAvailableError(command, name);
    if (a instanceof Error) throw a;
    if (typeof a === 'function') {
      const r = a(parameters);
      return Array.isArray(r) ? result(r) : r;
    }
    // Paged reads: everything in the first page.
    return result(a);
  };
}

const server = (Name: string, version: string, extra: Record<string, unknown> = {}) => ({
  Name,
  AdminDisplayVersion: version,
  ServerRole: 'Mailbox',
  IsClientAccessServer: true,
  IsMailboxServer: true,
  ...extra,
});
const V2010 = 'Version 14.3 (Build 123.4)';
const V2016 = 'Version 15.1 (Build 2507.6)';
const V2019 = 'Version 15.2 (Build 1544.4)';

function exchangeTable(servers: unknown[], overrides: Record<string, Answer> = {}): Record<string, Answer> {
  return {
    'Get-OrganizationConfig': [{ Name: 'Contoso' }],
    'Get-ExchangeServer': servers,
    'Get-UMService': [{ Identity: 'EX16', UMStartupMode: 'Dual', UMCertificateThumbprint: 'AB' }],
    'Get-UMServer': [{ Identity: 'EX10', UMStartupMode: 'TCP' }],
    'Get-UMCallRouterSettings': (p) => [{ Identity: String(p.Server), UMStartupMode: 'Dual' }],
    'Get-ClientAccessService': [{ Name: 'EX16' }],
    'Get-ClientAccessServer': [{ Name: 'EX10' }],
    'Get-UMDialPlan': [{ Name: 'DP' }],
    'Get-UMIPGateway': [],
    'Get-UMHuntGroup': [],
    'Get-UMAutoAttendant': [],
    'Get-UMMailboxPolicy': [],
    'Get-ExchangeCertificate': (p) => [{ RawData: 'AAAA', Thumbprint: `T-${String(p.Server)}` }],
    'Get-PartnerApplication': [],
    'Get-ADPermission': [],
    'Get-Mailbox': [
      { PrimarySmtpAddress: 'a@x', Guid: 'g1' },
      { PrimarySmtpAddress: 'a@x', Guid: 'g1' },
      { PrimarySmtpAddress: 'b@x', Guid: 'g2' },
    ],
    'Get-UMMailbox': [],
    ...overrides,
  };
}

function skypeTable(overrides: Record<string, Answer> = {}): Record<string, Answer> {
  return {
    'Get-CsSipDomain': [],
    'Get-CsSite': [],
    'Get-CsPool': [
      { Identity: 'pool.x', Services: ['Registrar:pool.x'], Computers: ['fe1.x', 'fe2.x'], PSComputerName: 'pool.x' },
      { Identity: 'edge.x', Services: ['EdgeServer:edge.x'], Computers: ['edge1.x'], PSComputerName: 'pool.x' },
    ],
    'Get-CsService': [],
    'Get-CsDialPlan': [],
    'Get-CsMediaConfiguration': [],
    'Get-CsExUmContact': [],
    'Get-CsCertificate': [{ Thumbprint: 'C1', Use: 'Default', PSComputerName: 'fe1.x' }],
    'Get-CsOAuthConfiguration': [],
    'Get-CsPartnerApplication': [],
    'Get-CsUser': [],
    ...overrides,
  };
}

const opts = { label: 't', powerShellVersion: '7.6.9', now: () => new Date('2025-01-01T00:00:00Z') };

describe('the capture executor', () => {
  it('chooses the cmdlets by the servers\u2019 versions: 2010 and 2016 both read, 2019 never asked for UM', async () => {
    const log: string[] = [];
    const r = await captureSnapshot(
      {
        exchange: shell('exchange', exchangeTable([server('EX10', V2010, { IsClientAccessServer: true }), server('EX16', V2016), server('EX19', V2019)]), log),
        skype: shell('skype', skypeTable(), log),
      },
      opts,
    );
    assert.ok(log.includes('Get-UMService') && log.includes('Get-UMServer'));
    assert.ok(log.includes('Get-ClientAccessService') && log.includes('Get-ClientAccessServer'));
    assert.deepEqual(
      log.filter((l) => l.startsWith('Get-UMCallRouterSettings')),
      ['Get-UMCallRouterSettings -Server EX16'],
    );
    assert.deepEqual(
      log.filter((l) => l.startsWith('Get-ExchangeCertificate')),
      ['Get-ExchangeCertificate -Server EX10', 'Get-ExchangeCertificate -Server EX16', 'Get-ExchangeCertificate -Server EX19'],
    );
    const ex = r.snapshot.exchange;
    assert.deepEqual(
      ex.umServices.objects.map((o) => (o as { Identity: string }).Identity),
      ['EX16', 'EX10'],
    );
    assert.equal(ex.umServices.status, undefined, 'read whole');
    assert.equal((ex.umServices.objects[0] as Record<string, unknown>).UMCertificateThumbprint, 'AB', 'the UM binding arrives with the rest');
    assert.deepEqual(ex.callRouters.objects, [{ Identity: 'EX16', UMStartupMode: 'Dual', UmcQueriedServer: 'EX16' }]);
    assert.deepEqual(ex.certificates.objects[2], { RawData: 'AAAA', Thumbprint: 'T-EX19', UmcQueriedServer: 'EX19' });
    assert.equal(ex.certificates.command, 'Get-ExchangeCertificate -Server <each> | Select-Object RawData,Thumbprint');
    assert.deepEqual(
      ex.mailboxes.objects.map((o) => (o as { Guid: string }).Guid),
      ['g1', 'g2'],
      'the duplicate from a secondary address is dropped',
    );
  });

  it('a cmdlet not imported: its section not read, with who provides it; the rest read; a needed variant missing makes it partial', async () => {
    const log: string[] = [];
    const ex = exchangeTable([server('EX10', V2010), server('EX16', V2016)]);
    delete ex['Get-UMServer'];
    delete ex['Get-UMDialPlan'];
    const r = await captureSnapshot({ exchange: shell('exchange', ex, log), skype: shell('skype', skypeTable(), log) }, { ...opts, missing: { exchange: ['Get-UMDialPlan'] } });
    assert.ok(!log.includes('Get-UMDialPlan'), 'a command known missing is not even tried');
    const dp = r.snapshot.exchange.dialPlans;
    assert.equal(dp.status, 'not-read');
    assert.deepEqual(dp.objects, []);
    assert.equal(dp.notes![0]!.reason, 'unavailable');
    assert.match(dp.notes![0]!.text, /^Get-UMDialPlan is not available to this account\/version \(provided by Exchange 2010, Exchange 2013, Exchange 2016; roles: /);
    const um = r.snapshot.exchange.umServices;
    assert.equal(um.status, 'partial', 'the 2016 servers were read, the 2010 ones could not be');
    assert.equal(um.notes![0]!.cmdlet, 'Get-UMServer');
    assert.match(um.notes![0]!.providedBy!, /^Exchange 2010/);
    const note = r.notes.find((n) => n.section === 'exchange.dialPlans')!;
    assert.equal(note.status, 'not-read');
    assert.deepEqual(note.message, {
      key: 'capture.note.unavailableByRoles',
      params: { cmdlet: 'Get-UMDialPlan', versions: 'Exchange 2010, Exchange 2013, Exchange 2016', roles: dp.notes![0]!.providedBy!.split('; roles: ')[1] },
    });
    assert.match(renderMessage('fr', note.message), /\(fournie par Exchange 2010, Exchange 2013, Exchange 2016\u00a0; rôles\u00a0: /);
    assert.equal(r.snapshot.exchange.ipGateways.status, undefined);
  });

  it('Client Access: Get-ClientAccessServer, which answers for every version, stands in when Get-ClientAccessService is not imported', async () => {
    const log: string[] = [];
    const ex = exchangeTable([server('EX13', 'Version 15.0 (Build 1497.2)'), server('EX19', V2019)], { 'Get-ClientAccessServer': [{ Name: 'EX13' }, { Name: 'EX19' }] });
    delete ex['Get-ClientAccessService'];
    const r = await captureSnapshot({ exchange: shell('exchange', ex, log), skype: shell('skype', skypeTable(), log) }, opts);
    assert.equal(r.snapshot.exchange.clientAccess.status, undefined, 'read whole: no gap');
    assert.equal(r.snapshot.exchange.clientAccess.objects.length, 2);

    const log2: string[] = [];
    const withheld = exchangeTable([server('EX16', V2016)]);
    delete withheld['Get-ClientAccessService'];
    const r2 = await captureSnapshot({ exchange: shell('exchange', withheld, log2), skype: shell('skype', skypeTable(), log2) }, opts);
    assert.ok(log2.includes('Get-ClientAccessServer'), 'the fallback was read');
    assert.equal(r2.snapshot.exchange.clientAccess.status, undefined);
    assert.equal(r2.snapshot.exchange.clientAccess.command, 'Get-ClientAccessService; Get-ClientAccessServer');

    const log3: string[] = [];
    await captureSnapshot({ exchange: shell('exchange', exchangeTable([server('EX16', V2016)]), log3), skype: shell('skype', skypeTable(), log3) }, opts);
    assert.ok(!log3.includes('Get-ClientAccessServer'), 'not read when Get-ClientAccessService answered');

    const log4: string[] = [];
    const neither = exchangeTable([server('EX16', V2016)]);
    delete neither['Get-ClientAccessService'];
    delete neither['Get-ClientAccessServer'];
    const r4 = await captureSnapshot({ exchange: shell('exchange', neither, log4), skype: shell('skype', skypeTable(), log4) }, opts);
    assert.equal(r4.snapshot.exchange.clientAccess.status, 'not-read');
    assert.deepEqual(
      r4.snapshot.exchange.clientAccess.notes!.map((n) => n.cmdlet),
      ['Get-ClientAccessService'],
    );
  });

  it('a server that fails: partial, each failure named with its server; every server failing: not read', async () => {
    const log: string[] = [];
    const ex = exchangeTable([server('EX16A', V2016), server('EX16B', V2016)], {
      'Get-ExchangeCertificate': (p) =>
        p.Server === 'EX16B'
          ? result([], [{ kind: 'cmdlet', message: 'The RPC server is unavailable', category: 'ReadError', reason: 'x', errorId: 'x', targetObject: null, exceptionType: '' }])
          : [{ RawData: 'AA', Thumbprint: 'T' }],
      'Get-UMCallRouterSettings': cmdletError('Access denied'),
    });
    const r = await captureSnapshot({ exchange: shell('exchange', ex, log), skype: shell('skype', skypeTable(), log) }, opts);
    const certs = r.snapshot.exchange.certificates;
    assert.equal(certs.status, 'partial');
    assert.deepEqual(
      certs.notes!.map((n) => n.text),
      ['Get-ExchangeCertificate on EX16B failed: The RPC server is unavailable'],
    );
    assert.equal(certs.objects.length, 1);
    const cr = r.snapshot.exchange.callRouters;
    assert.equal(cr.status, 'not-read');
    assert.equal(cr.notes!.length, 2);
    assert.equal(cr.notes![0]!.reason, 'failed');
  });

  it('Get-CsCertificate answers for one server: partial, said; on a live org the other Registrar servers\u2019 presented certificates are added', async () => {
    const log: string[] = [];
    const lab = await captureSnapshot({ exchange: shell('exchange', exchangeTable([server('EX16', V2016)]), log), skype: shell('skype', skypeTable(), log) }, opts);
    const certs = lab.snapshot.skype.certificates;
    assert.equal(certs.status, 'partial');
    assert.deepEqual(
      certs.notes!.map((n) => n.text),
      ['Get-CsCertificate answers for the server the session is on only (fe1.x): the certificates of the other Skype for Business servers were not read'],
    );

    const asked: string[][] = [];
    const live = await captureSnapshot(
      { exchange: shell('exchange', exchangeTable([server('EX16', V2016)]), log), skype: shell('skype', skypeTable(), log) },
      {
        ...opts,
        presentedCertificates: async (servers) => {
          asked.push([...servers]);
          return {
            objects: [
              { Thumbprint: 'C1', Use: 'Default', RawData: 'QkJC', PSComputerName: 'fe1.x', UmcPresentedOn: 'fe1.x:5061' },
              { Thumbprint: 'P2', Use: 'Default', RawData: 'Q0ND', PSComputerName: 'fe2.x', UmcPresentedOn: 'fe2.x:5061' },
            ],
            failures: [{ server: 'fe2.x', port: 443, detail: 'connect ECONNREFUSED' }],
          };
        },
      },
    );
    assert.deepEqual(asked, [['fe1.x', 'fe2.x']], 'the Registrar servers (not the Edge)');
    const lc = live.snapshot.skype.certificates;
    assert.equal(lc.status, 'partial');
    assert.deepEqual(lc.objects, [
      // Get-CsCertificate's own object gains the bytes its server presented (the cmdlet gives none).
      { Thumbprint: 'C1', Use: 'Default', PSComputerName: 'fe1.x', RawData: 'QkJC' },
      { Thumbprint: 'P2', Use: 'Default', RawData: 'Q0ND', PSComputerName: 'fe2.x', UmcPresentedOn: 'fe2.x:5061' },
    ]);
    assert.deepEqual(lc.notes!.map((n) => n.text).slice(1), [
      '1 certificate read from the TLS handshakes of 1 other server (SIP 5061, web 443), labelled with the server that presented them',
      'no certificate read from fe2.x port 443: connect ECONNREFUSED',
    ]);
  });

  it('the Exchange server list not read: per-server sections not read, version-chosen sections tried where imported', async () => {
    const log: string[] = [];
    const ex = exchangeTable([]);
    delete ex['Get-ExchangeServer'];
    delete ex['Get-UMServer'];
    const r = await captureSnapshot({ exchange: shell('exchange', ex, log), skype: shell('skype', skypeTable(), log) }, opts);
    assert.equal(r.snapshot.exchange.servers.status, 'not-read');
    assert.equal(r.snapshot.exchange.certificates.status, 'not-read');
    assert.match(r.snapshot.exchange.certificates.notes![0]!.text, /server list \(Get-ExchangeServer\) was not read/);
    assert.equal(r.snapshot.exchange.umServices.status, undefined, 'Get-UMService answered; Get-UMServer, tried only if there, is no gap');
  });

  it('a shell lost for good fails the capture (nothing half-written)', async () => {
    const log: string[] = [];
    const lost = new UserError({ key: 'ps.sessionLostRead', params: { shell: 'x', command: 'Get-UMIPGateway' } });
    await assert.rejects(
      captureSnapshot({ exchange: shell('exchange', exchangeTable([server('EX16', V2016)], { 'Get-UMIPGateway': lost }), log), skype: shell('skype', skypeTable(), log) }, opts),
      (e) => e === lost,
    );
  });
});
