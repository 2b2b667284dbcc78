/**
 * Done-when of issue 3: a capture through real PowerShell from the lab endpoint, decoded, equals the
 * lab snapshot's org model — with the user sections read in pages (small pages here, so the
 * partition splitting really runs on the lab's 535 users).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { OrgModel } from '../../../../../shared/model/org';
import { parseSnapshotText } from '../../../../../main/services/snapshot-loader';
import type { CaptureResult } from '../../../../../main/services/live/capture';
import { labProfile, liveService } from '../../../../support/live';
import { LAB_PATH, labOrg } from '../../../../support/lab';
import { NO_PWSH } from '../../../../support/powershell';

/** The org without its source (when and how it was read), collections in a stable order. */
function canonical(org: OrgModel): unknown {
  const sortDeep = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortDeep).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sortDeep(x)]));
    return v;
  };
  const { source: _source, ...rest } = org;
  return sortDeep(rest);
}

describe('capture from the lab endpoint through real PowerShell', { skip: NO_PWSH }, () => {
  let live: ReturnType<typeof liveService>;
  let result: CaptureResult;

  before(async () => {
    live = liveService({ pageSize: 60 });
    await live.service.connectAndWait(labProfile());
    result = await live.service.capture();
  });
  after(async () => {
    await live?.service.dispose();
  });

  it('decodes to the lab org model', () => {
    const captured = parseSnapshotText(JSON.stringify(result.snapshot), 'capture', 'live', 'Lab endpoint');
    assert.equal(captured.source.kind, 'live');
    assert.equal(captured.source.label, 'Lab endpoint');
    assert.deepEqual(canonical(captured), canonical(labOrg()));
  });

  it('holds every object of every section of the lab file', () => {
    const lab = JSON.parse(readFileSync(LAB_PATH, 'utf8'));
    for (const side of ['exchange', 'skype'] as const) {
      for (const [name, section] of Object.entries(lab[side]) as [string, { objects: unknown[] }][]) {
        assert.equal((result.snapshot[side] as unknown as Record<string, { objects: unknown[] }>)[name]!.objects.length, section.objects.length, `${side}.${name}`);
      }
    }
    assert.deepEqual(result.notes, []);
  });

  it('read the users in pages: no call returned more than a page', () => {
    // 535 users, 360 UM mailboxes, 535 mailboxes at 60 a page: many calls, each bounded.
    assert.ok(result.calls > 40, `${result.calls} calls`);
  });

  it('wrote the snapshot in the lab format, readable by the file loader', () => {
    assert.equal(result.snapshot.format, 'umc-snapshot');
    assert.equal(result.snapshot.source.kind, 'live');
    assert.match(result.snapshot.source.powerShellVersion, /^7\./);
  });
});
