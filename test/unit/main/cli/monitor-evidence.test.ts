/**
 * `umc check` with the gateway monitor's history: an explicit `--monitor-history FILE` or the one in
 * the user-data folder (UMC_USER_DATA here). Fresh evidence → R-G-10 is a finding like any other (in
 * the report, the JSON, the exit code) and stderr says which file judged how many peers and how old the
 * last probe is; stale evidence → no finding and a line saying R-G-10 still needs a probe; a named file
 * that is missing or not ours → exit 2 with one line.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { monitorHistoryPath } from '../../../../main/services/sip/monitor-history-store';
import { labSnapshotPath, loadSnapshotFile } from '../../../../main/services/snapshot-loader';
import { encodeHistory } from '../../../../shared/sip/monitor-history-file';
import { MAX_EVIDENCE_AGE_MS } from '../../../../shared/sip/monitor-findings';
import { type TopologyTarget } from '../../../../shared/sip/probe-model';
import { topologyTargets } from '../../../../shared/sip/topology-targets';
import { ROOT } from '../../../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'umc-monitor-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
/** No user-data history unless a test puts one there. */
const emptyUserData = join(dir, 'no-user-data');

async function run(args: string[], env: Record<string, string> = { UMC_USER_DATA: emptyUserData }, locale = 'en-US') {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale, env });
  return { code, out, err };
}

let gw: TopologyTarget;
before(async () => {
  const lab = await loadSnapshotFile(labSnapshotPath(ROOT), 'lab');
  gw = topologyTargets(lab).find((t) => t.ref.kind === 'umIpGateway')!;
});

/** A history where the gateway's last probe, `minutesAgo` before now, got no answer. */
function historyFile(path: string, minutesAgo: number): string {
  const at = Date.now() - minutesAgo * 60_000;
  const state = {
    histories: new Map([
      [gw.raw, { samples: [{ at, status: 'timeout' as const, rttMs: null, address: '192.0.2.10' }], firstAddresses: ['192.0.2.10'], firstSeenAt: at, lastAddresses: ['192.0.2.10'] }],
    ]),
    typed: [],
  };
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(encodeHistory(state, at)));
  return path;
}

describe('umc check with the gateway monitor history', () => {
  it('--monitor-history FILE with fresh evidence: R-G-10 on the gateway in the JSON and the text, the evidence on stderr', async () => {
    const file = historyFile(join(dir, 'fresh.json'), 12);
    const json = await run(['check', '--lab', '--monitor-history', file, '--json']);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.out) as { findings: { rule: string; objects: { kind: string; id: string }[]; message: string }[] };
    const f = report.findings.find((x) => x.rule === 'R-G-10');
    assert.ok(f, 'R-G-10 judged from the history');
    assert.deepEqual(
      f.objects.map((o) => [o.kind, o.id]),
      [[gw.ref.kind, gw.ref.id]],
    );
    assert.match(f.message, /did not answer its last SIP OPTIONS \(no answer in time, address 192\.0\.2\.10\).*last probe 12 minutes ago\.$/);
    const text = await run(['check', '--lab', '--monitor-history', file]);
    assert.match(text.out, /ERROR\s+R-G-10\s+Gateway does not answer SIP OPTIONS/);
    assert.match(text.err, new RegExp(`^Gateway monitor: 1 SIP peer judged from ${file.replace(/[.]/g, '\\.')}, last probe 12 minutes ago$`, 'm'));
    const fr = await run(['check', '--lab', '--monitor-history', file, '--lang', 'fr']);
    assert.match(fr.err, /^Surveillance des passerelles\u00a0: 1 homologue SIP jugé d’après .*, dernière sonde il y a 12 minutes$/m);
  });

  it('the user-data history is used without the option; stale evidence is not', async () => {
    const userData = join(dir, 'user-data');
    historyFile(monitorHistoryPath(userData), 5);
    const fresh = await run(['check', '--lab', '--json'], { UMC_USER_DATA: userData });
    assert.ok((JSON.parse(fresh.out) as { findings: { rule: string }[] }).findings.some((x) => x.rule === 'R-G-10'));
    historyFile(monitorHistoryPath(userData), MAX_EVIDENCE_AGE_MS / 60_000 + 10);
    const stale = await run(['check', '--lab'], { UMC_USER_DATA: userData });
    assert.doesNotMatch(stale.out, /R-G-10/);
    assert.match(stale.err, /^Gateway monitor: the history in .* is older than 2 hours \(last probe .*\): R-G-10 still needs a probe$/m);
    const none = await run(['check', '--lab']);
    assert.doesNotMatch(none.out + none.err, /R-G-10|Gateway monitor/);
  });

  it('a named file that is missing or not a monitor history is bad input (exit 2)', async () => {
    const missing = await run(['check', '--lab', '--monitor-history', join(dir, 'absent.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^umc: --monitor-history .*absent\.json: no such file\n$/);
    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, JSON.stringify({ hello: 'world' }));
    const bad = await run(['check', '--lab', '--monitor-history', foreign]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^umc: --monitor-history .*foreign\.json is not a gateway monitor history of this console: format is null/);
  });
});
