/**
 * Test connection's facts (main/services/live/connection-test.ts): the real local PowerShell asked
 * about itself, TLS handshakes with loopback servers presenting certificates made by openssl (good,
 * revoked, no CRL distribution point, a CRL server that is down, a portal page instead of a CRL, a
 * wrong name, an untrusted chain), the CRLs read, and the sessions' imports through the connections
 * service on the real lab endpoint.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ConnectionProfile } from '../../../../../shared/connections/profile';
import { judgeConnection } from '../../../../../shared/connections/connection-test';
import { renderMessage } from '../../../../../shared/i18n/translate';
import { askLocalPowerShell, createConnectionTester, importsThrough, parseCrl, resolveTestProfile, testedProfileOf } from '../../../../../main/services/live/connection-test';
import { createProfileStore } from '../../../../../main/services/connection-profiles';
import { createSecretStore, processMemoryCipher } from '../../../../../main/services/secret-store';
import { silentLogger, systemClock } from '../../../../../main/ports';
import { memorySettingsStore } from '../../../../../main/services/ports';
import type { ShellSession } from '../../../../../main/powershell/shell-session';
import { labProfile, liveService } from '../../../../support/live';
import { NO_PWSH, PWSH } from '../../../../support/powershell';
import { POOL, startTlsLab, type TlsLab } from '../../../../support/tls-fixtures';

const profile = (skype: string, exchange = 'lab:'): ConnectionProfile => ({ id: 'p', name: 'Pool test', exchange, skype, authentication: 'kerberos', userName: null, forest: null, role: 'admin' });

describe('the local PowerShell, asked', () => {
  test('PowerShell 7 on Linux: its version, edition and OS, and no WSMan client, in its own words', { skip: NO_PWSH || (process.platform === 'win32' && 'Windows has a WSMan client') }, async () => {
    const { facts, windowsRoots } = await askLocalPowerShell(PWSH);
    assert.equal(facts.error, null);
    assert.equal(facts.executable, PWSH);
    assert.match(facts.version!, /^7\.\d+\.\d+/);
    assert.equal(facts.edition, 'Core');
    assert.equal(facts.os, process.platform === 'darwin' ? 'macos' : 'linux');
    assert.ok(facts.osDescription && facts.osDescription.length > 0);
    assert.equal(facts.wsman, 'absent');
    assert.equal(facts.wsmanMessage, 'This parameter set requires WSMan, and no supported WSMan client library was found. WSMan is either not installed or unavailable for this system.');
    // Windows-only facts stay unknown elsewhere.
    assert.deepEqual([facts.winrmService, facts.partOfDomain, facts.trustedHosts, facts.account], [null, null, null, null]);
    assert.deepEqual(windowsRoots, []);
  });

  test('no PowerShell, or one that does not start: said, not thrown', async () => {
    assert.equal((await askLocalPowerShell(null)).facts.executable, null);
    const broken = await askLocalPowerShell('/nonexistent/pwsh');
    assert.match(broken.facts.error!, /ENOENT/);
    assert.equal(broken.facts.wsman, 'unknown');
  });
});

describe('the pool’s certificate and its CRLs, against loopback servers', () => {
  let lab: TlsLab;
  before(async () => {
    lab = await startTlsLab();
  });
  after(async () => {
    await lab?.stop();
  });

  const tester = () => createConnectionTester({ powershell: () => null, imports: async () => ({}), clock: systemClock, logger: silentLogger, lookup: lab.lookup, timeoutMs: 3000 });
  /** `system`: no CA file, the system store. */
  const skypeChecks = async (leaf: keyof TlsLab['ports'], trust: 'file' | 'system' = 'file') => {
    const p = profile(`https://${POOL}:${lab.ports[leaf]}/OcsPowershell`);
    const facts = await tester().run({ profile: p, ca: trust === 'file' ? [lab.rootPem] : undefined });
    const checks = judgeConnection(testedProfileOf(p), facts);
    const get = (id: string) => checks.find((c) => c.id === id)!;
    return { facts: facts.tls.skype!, cert: get('certificate.skype'), crl: get('crl.skype') };
  };

  test('a good chain: trusted by the CA file, named, every CRL of the chain fetched and read', async () => {
    const r = await skypeChecks('good');
    assert.equal(r.facts.trust, 'file');
    assert.equal(r.facts.subject, `CN=${POOL}`);
    assert.deepEqual(
      r.facts.chain.map((c) => c.subject),
      [`CN=${POOL}`, 'CN=UMC Connect Test Issuing CA'],
    );
    assert.deepEqual(
      r.facts.crls.map((c) => [new URL(c.url).pathname, c.outcome, c.revoked]),
      [
        ['/inter.crl', 'ok', false],
        ['/root.crl', 'ok', false],
      ],
    );
    assert.ok(Date.parse(r.facts.crls[0]!.nextUpdate!) > Date.now());
    assert.equal(r.cert.status, 'ok');
    assert.equal(r.crl.status, 'ok');
    assert.ok((lab.crlHits.get('/inter.crl') ?? 0) >= 1);
  });

  test('the same chain against the system store: not trusted (the test root is not in it)', async () => {
    const r = await skypeChecks('good', 'system');
    assert.equal(r.facts.trust, 'system');
    assert.equal(r.cert.status, 'error');
    assert.match(renderMessage('en', r.cert.detail), /not trusted by this computer’s trusted root certificates/);
  });

  test('a revoked leaf: found on the issuing CA’s CRL', async () => {
    const r = await skypeChecks('revoked');
    assert.equal(r.cert.status, 'ok');
    assert.deepEqual(
      r.facts.crls.map((c) => c.revoked),
      [true, false],
    );
    assert.equal(r.crl.status, 'error');
  });

  test('the CA’s CRL server is down: an error naming it', async () => {
    const r = await skypeChecks('crldown');
    assert.equal(r.facts.crls[0]!.outcome, 'unreachable');
    assert.match(r.facts.crls[0]!.error!, /ECONNREFUSED/);
    assert.equal(r.crl.status, 'error');
    assert.match(renderMessage('en', r.crl.fix!), new RegExp(`127\\.0\\.0\\.1:${lab.downPort}`));
  });

  test('a portal page where a CRL should be, with a second distribution point that works: a warning', async () => {
    const r = await skypeChecks('portal');
    assert.deepEqual(
      r.facts.crls.map((c) => c.outcome),
      ['not-a-crl', 'ok', 'ok'],
    );
    assert.match(r.facts.crls[0]!.error!, /neither DER nor PEM \(it starts with “<html>/);
    assert.equal(r.crl.status, 'warning');
  });

  test('a leaf without a CRL distribution point: a warning', async () => {
    const r = await skypeChecks('nocrl');
    assert.equal(r.facts.chain[0]!.crlUrls.length, 0);
    assert.equal(r.crl.status, 'warning');
  });

  test('a certificate for another name: an error; an untrusted chain: an error', async () => {
    const wrong = await skypeChecks('wrongname');
    assert.ok(wrong.facts.nameError);
    assert.equal(wrong.facts.chainError, null);
    assert.equal(wrong.cert.status, 'error');
    const untrusted = await skypeChecks('untrusted');
    assert.ok(untrusted.facts.chainError);
    assert.equal(untrusted.cert.status, 'error');
  });

  test('nothing listens: unreachable; a server that never completes the handshake: a timeout', async () => {
    const closed = await skypeChecks('good');
    const port = lab.downPort;
    const p = profile(`https://${POOL}:${port}/OcsPowershell`);
    const down = (await tester().run({ profile: p, ca: [lab.rootPem] })).tls.skype!;
    assert.equal(down.outcome, 'unreachable');
    assert.equal(closed.facts.outcome, 'ok');
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const quick = createConnectionTester({ powershell: () => null, imports: async () => ({}), clock: systemClock, logger: silentLogger, lookup: lab.lookup, timeoutMs: 400 });
      const hung = (await quick.run({ profile: profile(`https://${POOL}:${(silent.address() as { port: number }).port}/OcsPowershell`), ca: [lab.rootPem] })).tls.skype!;
      assert.equal(hung.outcome, 'timeout');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  test('CRLs read as DER and PEM, their dates and revoked serials; anything else refused', () => {
    const der = parseCrl(readFileSync(join(lab.dir, 'inter.crl')));
    const pem = parseCrl(readFileSync(join(lab.dir, 'inter.crl.pem')));
    assert.deepEqual([...der.revoked], [...pem.revoked]);
    assert.equal(der.revoked.size, 1);
    assert.ok(der.thisUpdate && der.nextUpdate && Date.parse(der.nextUpdate) > Date.parse(der.thisUpdate));
    assert.throws(() => parseCrl(Buffer.from('<html>')), /neither DER nor PEM/);
    assert.throws(() => parseCrl(readFileSync(join(lab.dir, 'root.crt'))), /X509 CRL/);
  });

  test('a lab endpoint is never contacted: no TLS facts at all', async () => {
    const facts = await tester().run({ profile: profile('lab:') });
    assert.deepEqual(facts.tls, {});
  });
});

describe('the sessions’ imports', () => {
  test('the active profile’s open shells are reused, never reopened; test shells are always closed', async () => {
    const closed: string[] = [];
    const fake = (shell: 'exchange' | 'skype', state: 'open' | 'closed', missing: string[]): ShellSession =>
      ({
        shell,
        status: () => ({ shell, state, serverVersion: 'Version 15.1 (Build 2507.6)', lastError: null }),
        missingCommands: () => missing,
        open: async () => {
          throw new Error('must not open');
        },
        call: async () => ({ objects: [{ Operator: 'LITWAREINC\\umcadmin' }], errors: [], warnings: [], psMs: 1, totalMs: 1 }),
        close: async () => void closed.push(shell),
      }) as unknown as ShellSession;
    const p = labProfile();
    const probe = importsThrough({
      activeProfile: () => p,
      shells: () => ({ exchange: fake('exchange', 'open', ['Get-UMService']), skype: fake('skype', 'open', []) }),
      testSessions: () => ({
        exchange: { session: fake('exchange', 'closed', []), requested: ['Get-UMService', 'Get-UmcLabEndpointInfo'] },
        skype: { session: fake('skype', 'closed', []), requested: ['Get-CsPool'] },
      }),
    });
    const r = await probe(p, undefined, ['exchange', 'skype']);
    assert.equal(r.exchange!.reused, true);
    assert.deepEqual(r.exchange!.missing, ['Get-UMService']);
    assert.equal(r.exchange!.account, 'LITWAREINC\\umcadmin');
    assert.equal(r.skype!.account, null); // not the lab's info cmdlet: unknown
    assert.deepEqual(closed.sort(), ['exchange', 'skype']); // the unused test shells, closed anyway

    // The same profile with edited fields (the form): its own shells, not the active ones.
    const opened: string[] = [];
    const edited = { ...p, skype: 'lab:?withhold=Get-CsPool' };
    const fresh = (shell: 'exchange' | 'skype'): ShellSession =>
      ({
        ...fake(shell, 'closed', ['Get-CsPool']),
        open: async () => void opened.push(shell),
        status: () => ({ shell, state: 'open', serverVersion: null, lastError: null }),
      }) as unknown as ShellSession;
    const probe2 = importsThrough({
      activeProfile: () => p,
      shells: () => ({ exchange: fake('exchange', 'open', []), skype: fake('skype', 'open', []) }),
      testSessions: () => ({ exchange: { session: fresh('exchange'), requested: [] }, skype: { session: fresh('skype'), requested: ['Get-CsPool'] } }),
    });
    const r2 = await probe2(edited, undefined, ['skype']);
    assert.deepEqual(opened, ['skype']);
    assert.equal(r2.skype!.reused, false);
    assert.deepEqual(r2.skype!.missing, ['Get-CsPool']);
  });

  test('on the lab endpoint through real PowerShell: cmdlets withheld as RBAC would are listed as missing, with their roles', { skip: NO_PWSH }, async () => {
    const live = liveService();
    try {
      const p = labProfile('lab:?exchange=2016&withhold=Get-UMService', 'lab:?skype=2015&withhold=Get-CsCertificate');
      const tester = createConnectionTester({ powershell: () => PWSH, imports: importsThrough(live.service), clock: systemClock, logger: silentLogger });
      const facts = await tester.run({ profile: p });
      assert.equal(facts.imports.exchange.outcome, 'open', JSON.stringify(facts.imports.exchange.error));
      assert.ok(facts.imports.exchange.missing.includes('Get-UMService'), facts.imports.exchange.missing.join());
      assert.ok(facts.imports.skype.missing.includes('Get-CsCertificate'), facts.imports.skype.missing.join());
      assert.ok(facts.imports.exchange.requested.includes('Get-UMService'));
      assert.equal(facts.imports.exchange.account, 'LITWAREINC\\umcadmin');
      const checks = judgeConnection(testedProfileOf(p), facts);
      const exchange = checks.find((c) => c.id === 'rbac.exchange')!;
      assert.equal(exchange.status, 'warning');
      assert.ok(exchange.items.some((i) => /Get-UMService: not granted/.test(renderMessage('en', i))));
      // The test's shells are gone; the service has no active profile.
      assert.equal(live.service.activeProfile(), null);
    } finally {
      await live.service.dispose();
    }
  });
});

describe('the profile to test', () => {
  const stores = () => {
    const settings = memorySettingsStore();
    return { profiles: createProfileStore(settings), secrets: createSecretStore(settings, processMemoryCipher()) };
  };

  test('a saved profile by id, with its stored password; an unknown id refused', async () => {
    const s = stores();
    const saved: ConnectionProfile = {
      id: 'contoso-1a2b3c',
      name: 'Contoso',
      exchange: 'ex01.contoso.com',
      skype: 'pool01.contoso.com',
      authentication: 'credential',
      userName: 'CONTOSO\\ops',
      forest: null,
      role: 'admin',
    };
    await s.profiles.save(saved);
    await s.secrets.put(saved.id, 'pa55');
    const r = await resolveTestProfile({ id: saved.id }, s);
    assert.deepEqual(r.profile, saved);
    assert.equal(r.password, 'pa55');
    await assert.rejects(resolveTestProfile({ id: 'nope' }, s), (e: { detail?: { key: string } }) => e.detail?.key === 'profile.error.unknown');
  });

  test('the form’s fields unsaved: checked as a save checks them; the typed password, else the stored one', async () => {
    const s = stores();
    await s.secrets.put('contoso-1a2b3c', 'stored');
    const input = { id: 'contoso-1a2b3c', name: ' Contoso ', exchange: 'ex01.contoso.com', skype: 'pool01.contoso.com', authentication: 'credential' as const, userName: 'CONTOSO\\ops' };
    assert.equal((await resolveTestProfile({ profile: input }, s)).password, 'stored');
    assert.equal((await resolveTestProfile({ profile: { ...input, password: 'typed' } }, s)).password, 'typed');
    assert.equal((await resolveTestProfile({ profile: input }, s)).profile.name, 'Contoso');
    await assert.rejects(resolveTestProfile({ profile: { ...input, exchange: 'not a name' } }, s));
    await assert.rejects(resolveTestProfile({ profile: { ...input, id: undefined } }, s)); // credential without any password
  });
});
