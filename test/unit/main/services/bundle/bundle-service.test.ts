/**
 * Export support bundle… through the contract from the composition root: the org shown (the lab, or the
 * snapshot the console started on) written where the save dialog says, redacted with the mapping beside
 * it, with the session's errors; a cancelled dialog writes nothing; an org that cannot be read back as a
 * raw snapshot (given in memory) is refused with a clear message.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { createApi } from '../../../../../shared/contract/api';
import { createMainServices } from '../../../../../main/compose';
import { labSnapshotPath, loadSnapshotFile } from '../../../../../main/services/snapshot-loader';
import { ROOT } from '../../../../support/paths';

const SENDER = { url: 'app://umc/index.html', isMainFrame: true, trustedContents: true };

describe('bundle.export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'umc-bundle-export-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the lab: written where chosen, redacted, the mapping beside; the session errors in it', async () => {
    let chosen: string | null = join(dir, 'lab.zip');
    const services = createMainServices({
      root: ROOT,
      allowedOrigins: ['app://umc'],
      dialogs: { chooseSavePath: async () => chosen, chooseOpenPath: async () => null },
      userLabPath: join(dir, 'no-copy-yet.umcsnap.json'),
      auditPath: join(dir, 'audit.jsonl'),
    });
    try {
      services.logger.log('warn', 'shell open failed', { shell: 'exchange', password: 'Secret-1' });
      const api = createApi(services.transportFor(SENDER));
      const r = await api.bundle.export({ redact: true });
      assert.equal(r.path, join(dir, 'lab.zip'));
      assert.equal(r.mappingPath, join(dir, 'lab.zip.mapping.json'));
      assert.equal(r.files, 8);
      const files = unzipSync(new Uint8Array(readFileSync(r.path!)));
      const errors = JSON.parse(strFromU8(files['session-errors.json']!)) as { message: string; fields: Record<string, unknown> }[];
      assert.deepEqual(
        errors.map((e) => [e.message, e.fields.shell, e.fields.password]),
        [['shell open failed', 'exchange', '[removed]']],
      );
      assert.ok(!strFromU8(files['snapshot.umcsnap.json']!).includes('victor.williams0'));
      chosen = null;
      assert.deepEqual(await api.bundle.export({ redact: false }), { path: null, mappingPath: null, bytes: 0, files: 0, redacted: false });
    } finally {
      await services.dispose();
    }
  });

  it('the snapshot the console started on, not redacted: its values as they are', async () => {
    const services = createMainServices({
      root: ROOT,
      allowedOrigins: ['app://umc'],
      snapshotPath: labSnapshotPath(ROOT),
      dialogs: { chooseSavePath: async () => join(dir, 'plain.zip'), chooseOpenPath: async () => null },
      auditPath: join(dir, 'audit.jsonl'),
    });
    try {
      const r = await createApi(services.transportFor(SENDER)).bundle.export({ redact: false });
      assert.equal(r.mappingPath, null);
      assert.ok(strFromU8(unzipSync(new Uint8Array(readFileSync(r.path!)))['snapshot.umcsnap.json']!).includes('victor.williams0'));
      assert.ok(!existsSync(join(dir, 'plain.zip.mapping.json')));
    } finally {
      await services.dispose();
    }
  });

  it('an org given in memory has no raw snapshot to bundle: refused, nothing written', async () => {
    const org = { ...(await loadSnapshotFile(labSnapshotPath(ROOT), 'snapshot')) };
    const services = createMainServices({
      root: ROOT,
      allowedOrigins: ['app://umc'],
      org,
      dialogs: { chooseSavePath: async () => join(dir, 'memory.zip'), chooseOpenPath: async () => null },
      auditPath: join(dir, 'audit.jsonl'),
    });
    try {
      await assert.rejects(createApi(services.transportFor(SENDER)).bundle.export({ redact: true }), /the org could not be read/);
      assert.ok(!existsSync(join(dir, 'memory.zip')));
    } finally {
      await services.dispose();
    }
  });
});
