/**
 * The in-process lab (`lab:`, the host's kind `local`) delivers what real PowerShell remoting delivers: the
 * same cmdlet through the host in-process and through an SSH remoting session to the lab endpoint (the far
 * side running the same module) gives the same JSON, member for member, type for type, value for value
 * (except the session's own PSComputerName and RunspaceId). Cmdlets the version profile lacks or withholds
 * are not importable either way (the open answer's `missing`), and the session stays usable.
 * Real PowerShell and sshd (test/support/powershell.ts); without them the tests say why they skip.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { wireParameters, type HostResponse, type Parameters } from '../../../../main/powershell/host-protocol';
import { startPowerShellHost, type PowerShellHost } from '../../../../main/powershell/powershell-host';
import { powerShellAssets } from '../../../../main/powershell/powershell-locator';
import { labSnapshotPath } from '../../../../main/services/snapshot-loader';
import { ROOT } from '../../../support/paths';
import { NO_PWSH, NO_SSHD, PWSH, startSshLab, type SshLab } from '../../../support/powershell';

const ASSETS = powerShellAssets(ROOT);
const DATA = labSnapshotPath(ROOT);
const quiet = { log: () => undefined };
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

async function openHost(
  kind: 'local' | 'ssh',
  commands: string[],
  parameters: Parameters,
): Promise<{ host: PowerShellHost; open: Extract<HostResponse, { ok: true }> & { imported: string[]; missing: string[] } }> {
  const host = startPowerShellHost({ executable: PWSH!, script: ASSETS.hostScript, logger: quiet, label: kind });
  await host.ready;
  const open = (await host.request({ op: 'open', session: { kind, commands, parameters: wireParameters(parameters) } }, { timeoutMs: 240_000 })) as never;
  return { host, open };
}

async function invoke(host: PowerShellHost, command: string, parameters: Parameters = {}, select?: string[]): Promise<{ ok: boolean; objects: Json[]; error?: { kind: string } }> {
  const r = (await host.request({ op: 'invoke', command, parameters: wireParameters(parameters), ...(select ? { select } : {}), depth: 4 }, { timeoutMs: 120_000 })) as never as {
    ok: boolean;
    objects?: Json[];
    error?: { kind: string };
  };
  return { ok: r.ok, objects: r.objects ?? [], ...(r.error ? { error: r.error } : {}) };
}

/** A value's shape: member names in order with their shapes, list element shapes, or the primitive's type. */
function shape(v: Json): Json {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.map(shape);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return typeof v;
}

/** The value without what names the session itself (which server, which runspace) or the process (a rehydrated certificate's native Handle). */
function withoutSession(v: Json): Json {
  if (Array.isArray(v)) return v.map(withoutSession);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'PSComputerName' && k !== 'RunspaceId' && k !== 'Handle')
        .map(([k, x]) => [k, withoutSession(x)]),
    );
  return v;
}

const PROFILE = { LabExchangeVersion: '2010', LabSkypeVersion: '2013', LabWithhold: ['Get-CsCertificate'] };
const COMMANDS = [
  'Get-ExchangeServer',
  'Get-UMServer',
  'Get-UMService',
  'Get-UMCallRouterSettings',
  'Get-ClientAccessServer',
  'Get-ClientAccessService',
  'Get-UMDialPlan',
  'Get-ExchangeCertificate',
  'Get-Mailbox',
  'Get-OrganizationalUnit',
  'Get-CsService',
  'Get-CsUser',
  'Get-CsCertificate',
  'Get-CsDialPlan',
  'Test-CsOUPermission',
  'Get-AuthConfig',
];
const CALLS: [string, Parameters, string[]?][] = [
  ['Get-ExchangeServer', {}],
  ['Get-UMServer', {}],
  ['Get-UMDialPlan', {}],
  ['Get-ClientAccessServer', {}],
  ['Get-ExchangeCertificate', { Server: 'dal-ex-003' }],
  ['Get-ExchangeCertificate', { Server: 'dal-ex-003' }, ['Thumbprint', 'NotAfter', 'RawData']],
  ['Get-Mailbox', { ResultSize: '3' }],
  ['Get-OrganizationalUnit', {}],
  ['Get-CsService', { Registrar: true }],
  ['Get-CsUser', { Filter: "SipAddress -like 'sip:t*'", ResultSize: '5' }, ['SipAddress', 'DisplayName', 'Enabled', 'LineURI', 'HostedVoiceMail']],
  ['Get-CsDialPlan', {}],
  ['Test-CsOUPermission', { OU: 'OU=Locked Contacts,DC=litwareinc,DC=com', ObjectType: 'Contact' }],
];

describe('the in-process lab delivers what SSH remoting delivers (Exchange 2010 / Lync 2013, Get-CsCertificate withheld)', { skip: NO_SSHD }, () => {
  let ssh: SshLab;
  const hosts: PowerShellHost[] = [];
  let local: Awaited<ReturnType<typeof openHost>>;
  let remote: Awaited<ReturnType<typeof openHost>>;

  before(async () => {
    ssh = await startSshLab();
    local = await openHost('local', COMMANDS, { ModulePath: ASSETS.labModule, DataPath: DATA, ...PROFILE });
    hosts.push(local.host);
    remote = await openHost('ssh', COMMANDS, {
      HostName: '127.0.0.1',
      Port: ssh.port,
      UserName: ssh.user,
      KeyFilePath: ssh.keyFile,
      // The sshd's key, approved into the console's kind of known-hosts file: strict checking, as in use.
      KnownHostsFile: ssh.knownHostsFile,
      ModulePath: ASSETS.labModule,
      DataPath: DATA,
      ...PROFILE,
    });
    hosts.push(remote.host);
  });
  after(async () => {
    for (const h of hosts) await h.dispose();
    if (ssh) await ssh.stop();
  });

  it('both sessions open, without the cmdlets the version lacks or the role withholds (listed in missing)', () => {
    for (const s of [local, remote]) assert.equal(s.open.ok, true, JSON.stringify(s.open));
    const missing = ['Get-AuthConfig', 'Get-ClientAccessService', 'Get-CsCertificate', 'Get-UMCallRouterSettings', 'Get-UMService'];
    assert.deepEqual([...local.open.missing].sort(), missing);
    assert.deepEqual([...remote.open.missing].sort(), missing);
    assert.deepEqual([...local.open.imported].sort(), [...remote.open.imported].sort());
  });

  it('each cmdlet gives the same JSON in-process and over SSH: members, order, types, values', async () => {
    for (const [command, parameters, select] of CALLS) {
      const a = await invoke(local.host, command, parameters, select);
      const b = await invoke(remote.host, command, parameters, select);
      const what = `${command} ${JSON.stringify(parameters)}${select ? ' | Select-Object ' + select.join(',') : ''}`;
      assert.ok(a.ok && b.ok, `${what}: ${JSON.stringify(a.error ?? b.error)}`);
      assert.ok(a.objects.length > 0, `${what}: no objects`);
      assert.deepEqual(shape(a.objects), shape(b.objects), `${what}: shape`);
      assert.deepEqual(withoutSession(a.objects), withoutSession(b.objects), `${what}: values`);
      if (!select) {
        // remoting's members on every object: the server the session is on, its runspace, PSShowComputerName false
        for (const o of a.objects as { [k: string]: Json }[]) {
          assert.equal(o.PSComputerName, command.includes('-Cs') ? 'atl-fe-01.litwareinc.com' : 'atl-exchange-001.litwareinc.com', what);
          assert.match(String(o.RunspaceId), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
          assert.equal(o.PSShowComputerName, false);
        }
        for (const o of b.objects as { [k: string]: Json }[]) assert.equal(o.PSComputerName, '127.0.0.1', what);
      }
    }
  });

  it('an Exchange certificate arrives as a plain certificate: RawData and what is read from it, not Services or Identity', async () => {
    for (const s of [local, remote]) {
      const r = await invoke(s.host, 'Get-ExchangeCertificate', { Server: 'dal-ex-003' }, ['Identity', 'Services', 'Thumbprint', 'RawData']);
      for (const c of r.objects as { [k: string]: Json }[]) {
        assert.equal(c.Identity, null, 'a client-side Select-Object cannot bring Identity back');
        assert.equal(c.Services, null, 'nor Services');
        assert.match(String(c.Thumbprint), /^[0-9A-F]{40}$/);
      }
    }
  });

  it('a withheld cmdlet is refused by the host, the session keeps answering', async () => {
    for (const s of [local, remote]) {
      const r = await invoke(s.host, 'Get-CsCertificate');
      assert.equal(r.ok, false);
      assert.equal(r.error?.kind, 'not-allowed');
      assert.equal((await invoke(s.host, 'Get-CsDialPlan')).ok, true);
    }
  });
});

describe('the in-process lab: profiles at open', { skip: NO_PWSH }, () => {
  it('Exchange 2019: the UM cmdlets are missing, everything else answers; the default profile offers Exchange 2016 cmdlets', async () => {
    const um = ['Get-UMDialPlan', 'Get-UMService', 'Get-UMCallRouterSettings', 'Get-UMMailbox'];
    const s = await openHost('local', [...um, 'Get-ExchangeServer', 'Get-ClientAccessService'], { ModulePath: ASSETS.labModule, DataPath: DATA, LabExchangeVersion: '2019' });
    try {
      assert.deepEqual([...s.open.missing].sort(), [...um].sort());
      const servers = (await invoke(s.host, 'Get-ExchangeServer')).objects as { [k: string]: Json }[];
      assert.deepEqual([...new Set(servers.map((x) => x.AdminDisplayVersion))], ['Version 15.2 (Build 1544.4)']);
      assert.ok(servers.every((x) => x.IsUnifiedMessagingServer === false));
    } finally {
      await s.host.dispose();
    }
    const d = await openHost('local', [...um, 'Get-UMServer'], { ModulePath: ASSETS.labModule, DataPath: DATA });
    try {
      assert.deepEqual(d.open.missing, ['Get-UMServer']);
    } finally {
      await d.host.dispose();
    }
  });
});
