/**
 * The certificates an admin adds to judge the UM certificate's root (R-X-01, seed 001: "le même
 * certificat racine"): the file read by the one file reader, the setting trustedRootsFile, and the
 * console judging every org with them (main/compose.ts → the org service).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createMainServices } from '../../../../../main/compose';
import { createApi } from '../../../../../shared/contract/api';
import { readTrustedRoots, TRUSTED_ROOTS_SETTING, trustedRootsOfSettings } from '../../../../../main/services/certificates/trusted-roots';
import { memorySettingsStore } from '../../../../../main/services/ports';
import { UserError } from '../../../../../shared/i18n/translate';
import type { LogLevel } from '../../../../../main/ports';
import { buildOrg } from '../../../../support/org-builder/org-spec';
import { healthySpec, POOL } from '../../../../support/org-builder/small-org';
import { ROOT } from '../../../../support/paths';
import { pkiCa, pkiServer, type PkiCertificate } from '../../../../support/pki-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'umc-roots-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test('readTrustedRoots: every certificate of a PEM bundle, facts only', async () => {
  const root = pkiCa('Roots Test Root');
  const issuing = pkiCa('Roots Test Issuing', 'Roots Test Root');
  const roots = await readTrustedRoots(write('bundle.pem', `# exported from Cert:\\LocalMachine\\Root\n${root.pem}\n${issuing.pem}`));
  assert.deepEqual(
    roots.map((r) => r.thumbprint),
    [root.facts.thumbprint, issuing.facts.thumbprint],
  );
  assert.ok(roots.every((r) => !('findings' in r)));
});

test('readTrustedRoots: a missing file, or one with no certificate, is a UserError naming the file', async () => {
  for (const [file, key] of [
    [join(dir, 'absent.pem'), 'certificates.trustedRoots.unreadable'],
    [write('text.pem', 'not a certificate\n'), 'certificates.trustedRoots.unreadable'],
  ] as const) {
    await assert.rejects(readTrustedRoots(file), (e: unknown) => e instanceof UserError && e.detail.key === key && e.detail.params?.file === file);
  }
});

test('trustedRootsOfSettings: none without the setting; a file that cannot be read is logged and skipped', async () => {
  const logged: [LogLevel, string][] = [];
  const logger = { log: (level: LogLevel, message: string) => logged.push([level, message]) };
  assert.deepEqual(await trustedRootsOfSettings(memorySettingsStore(), logger), []);
  assert.deepEqual(await trustedRootsOfSettings(memorySettingsStore({ [TRUSTED_ROOTS_SETTING]: join(dir, 'gone.pem') }), logger), []);
  assert.deepEqual(logged, [['warn', 'trusted-roots file not read']]);
});

test('the console judges the org with the roots of the setting: "cannot judge the root" becomes a judgement', async () => {
  const rootA = pkiCa('Setting Root A');
  const rootB = pkiCa('Setting Root B');
  // Exchange's UM certificates from root B, Skype's pool certificate from root A: different roots.
  const org = buildOrg(healthySpec());
  const asRef = (c: PkiCertificate) => ({ facts: c.facts, rawData: c.rawData, unreadable: null });
  const changed = {
    ...org,
    exchange: { ...org.exchange, certificates: org.exchange.certificates.map((c) => (c.services.includes('UM') ? { ...c, ...asRef(pkiServer(c.server, 'Setting Root B')) } : c)) },
    skype: { ...org.skype, certificates: org.skype.certificates.map((c) => (c.use === 'Default' ? { ...c, ...asRef(pkiServer(POOL, 'Setting Root A')) } : c)) },
  };
  const rx01 = async (settings: Record<string, unknown>) => {
    const services = createMainServices({ root: ROOT, allowedOrigins: [], org: changed, settings: memorySettingsStore(settings) });
    try {
      return (await services.org.current()).findings.filter((f) => f.rule === 'R-X-01').map((f) => `${f.message.key}:${f.severity}`);
    } finally {
      await services.dispose();
    }
  };
  assert.deepEqual(await rx01({}), ['rule.R-X-01.msg.rootUnknown:info', 'rule.R-X-01.msg.rootUnknown:info']);
  const file = write('setting.pem', rootA.pem + rootB.pem);
  assert.deepEqual(await rx01({ [TRUSTED_ROOTS_SETTING]: file }), ['rule.R-X-01.msg.otherRoot:error', 'rule.R-X-01.msg.otherRoot:error']);

  // From the Checks screen, over the contract: a file chosen in the open dialog is read, kept as the
  // setting and the org judged again; a file that is no roots file is refused and nothing changes; Remove.
  const settings = memorySettingsStore();
  let chosen: string | null = null;
  const services = createMainServices({ root: ROOT, allowedOrigins: ['app://umc'], org: changed, settings, dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => chosen } });
  const api = createApi(services.transportFor({ url: 'app://umc/index.html', isMainFrame: true, trustedContents: true }));
  const shown = async () => (await api.checks.list({})).findings.filter((f) => f.rule === 'R-X-01').map((f) => f.message.key);
  try {
    assert.deepEqual(await api.checks.trustedRoots(), { file: null, count: 0 });
    assert.equal(await api.checks.chooseTrustedRoots(), null, 'the dialog dismissed: nothing');
    chosen = write('not-roots.pem', 'not a certificate\n');
    await assert.rejects(api.checks.chooseTrustedRoots(), /not-roots\.pem/);
    assert.deepEqual(await api.checks.trustedRoots(), { file: null, count: 0 });
    assert.equal((await settings.read())[TRUSTED_ROOTS_SETTING], undefined);
    assert.deepEqual(await shown(), ['rule.R-X-01.msg.rootUnknown', 'rule.R-X-01.msg.rootUnknown']);
    chosen = file;
    assert.deepEqual(await api.checks.chooseTrustedRoots(), { file, count: 2 });
    assert.equal((await settings.read())[TRUSTED_ROOTS_SETTING], file);
    assert.deepEqual(await shown(), ['rule.R-X-01.msg.otherRoot', 'rule.R-X-01.msg.otherRoot']);
    assert.deepEqual(await api.checks.clearTrustedRoots(), { file: null, count: 0 });
    assert.deepEqual(await shown(), ['rule.R-X-01.msg.rootUnknown', 'rule.R-X-01.msg.rootUnknown']);
  } finally {
    await services.dispose();
  }
});

test('the roots file is read in the inspection worker, never on the main thread, and the worker is gone after', async () => {
  const { liveInspectWorkers } = await import('../../../../../main/services/certificates/inspect-runner');
  const roots = join(dir, 'worker-roots.pem');
  writeFileSync(roots, 'not a certificate');
  // A worker that cannot start: the answer says so, which only the worker path can say.
  await assert.rejects(readTrustedRoots(roots, 'en', { workerFile: join(dir, 'no-such-worker.cjs') }), (e) => e instanceof UserError && /stopped|worker/i.test(e.message));
  assert.equal(liveInspectWorkers(), 0);
});
