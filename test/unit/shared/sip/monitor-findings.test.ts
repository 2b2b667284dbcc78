/**
 * The gateway monitor's judgements as findings: fresh evidence → R-G-10 / R-G-08 / address changed,
 * each naming the org object, the probed target, the address and how old the probe is; evidence older
 * than the bound, or none, → no finding (the rule stays "needs a probe"); typed targets never judged.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { labSnapshotPath, loadSnapshotFile } from '../../../../main/services/snapshot-loader';
import { renderDiagnostic } from '../../../../shared/i18n/translate';
import type { OrgModel } from '../../../../shared/model/org';
import { ADDRESS_CHANGED_RULE, MAX_EVIDENCE_AGE_MS, monitorFindings } from '../../../../shared/sip/monitor-findings';
import type { ProbeSample, TargetHistory } from '../../../../shared/sip/monitor-model';
import { topologyTargets } from '../../../../shared/sip/topology-targets';
import { englishWordsIn } from '../../../support/french-text';
import { ROOT } from '../../../support/paths';

const NOW = Date.UTC(2026, 11, 7, 2, 0, 0);
const at = (minutesAgo: number) => NOW - minutesAgo * 60_000;
const h = (samples: ProbeSample[], first: string[], last: string[] = first): TargetHistory => ({ samples, firstAddresses: first, firstSeenAt: samples[0]!.at, lastAddresses: last });
const ok = (t: number, address: string): ProbeSample => ({ at: t, status: 'ok', rttMs: 9, address });
const silent = (t: number, address: string): ProbeSample => ({ at: t, status: 'timeout', rttMs: null, address });

let org: OrgModel;
before(async () => {
  org = await loadSnapshotFile(labSnapshotPath(ROOT), 'lab');
});

describe('monitor findings', () => {
  it('fresh evidence: a gateway that stopped answering is R-G-10 on its UM IP gateway, with target, address and age', () => {
    const gw = topologyTargets(org).find((t) => t.ref.kind === 'umIpGateway')!;
    const j = monitorFindings(org, new Map([[gw.raw, h([ok(at(20), '192.0.2.10'), silent(at(12), '192.0.2.10')], ['192.0.2.10'])]]), NOW);
    assert.equal(j.fresh, 1);
    assert.equal(j.stale, 0);
    assert.equal(j.lastProbeAt, at(12));
    assert.equal(j.findings.length, 1);
    const f = j.findings[0]!;
    assert.equal(f.rule, 'R-G-10');
    assert.equal(f.severity, 'error');
    assert.equal(f.area, 'gateways');
    assert.deepEqual(f.objects, [gw.ref]);
    const en = renderDiagnostic('en', f);
    assert.equal(en.title, 'Gateway does not answer SIP OPTIONS');
    assert.match(en.message, new RegExp(`^${gw.label} \\(${gw.raw.replace(/[.;:]/g, '\\$&')}\\) did not answer its last SIP OPTIONS \\(no answer in time, address 192\\.0\\.2\\.10\\)`));
    assert.match(en.message, /last probe 12 minutes ago\.$/);
    const fr = renderDiagnostic('fr', f);
    assert.match(fr.message, /dernière sonde il y a 12 minutes\.$/);
    assert.match(fr.message, /\(pas de réponse à temps, adresse 192\.0\.2\.10\)/);
    assert.deepEqual(englishWordsIn(fr.message), []);
  });

  it('two FQDN peers on one address → R-G-08 on both; a name that moved → address changed', () => {
    const hosts = new Map<string, ReturnType<typeof topologyTargets>[number]>();
    for (const t of topologyTargets(org)) if (!hosts.has(t.host.toLowerCase())) hosts.set(t.host.toLowerCase(), t);
    const [a, b, c] = [...hosts.values()];
    assert.ok(a && b && c);
    const histories = new Map([
      [a.raw, h([ok(at(3), '198.51.100.7')], ['198.51.100.7'])],
      [b.raw, h([ok(at(2), '198.51.100.7')], ['198.51.100.7'])],
      [c.raw, h([ok(at(40), '198.51.100.8'), ok(at(1), '198.51.100.9')], ['198.51.100.8'], ['198.51.100.9'])],
    ]);
    const j = monitorFindings(org, histories, NOW);
    const rules = (raw: string) =>
      j.findings
        .filter((f) => f.message.params.target === raw)
        .map((f) => f.rule)
        .sort();
    assert.deepEqual(rules(a.raw), ['R-G-08']);
    assert.deepEqual(rules(b.raw), ['R-G-08']);
    const moved = j.findings.find((f) => f.message.params.target === c.raw)!;
    assert.equal(moved.rule, ADDRESS_CHANGED_RULE);
    assert.equal(moved.message.params.before, '198.51.100.8');
    assert.equal(moved.message.params.after, '198.51.100.9');
    const en = renderDiagnostic('en', moved);
    assert.equal(en.title, 'SIP peer address changed since first seen');
    assert.match(en.message, /now resolves to 198\.51\.100\.9, not 198\.51\.100\.8 .* last probe 1 minute ago\.$/);
    const shared = renderDiagnostic(
      'en',
      j.findings.find((f) => f.message.params.target === a.raw)!,
    );
    assert.match(shared.message, new RegExp(`resolves to 198\\.51\\.100\\.7, also the address of ${b.host.toLowerCase().replace(/\./g, '\\.')}`));
    assert.match(shared.message, /event 1175/);
  });

  it('evidence older than the bound is not used: no finding, counted stale', () => {
    const gw = topologyTargets(org).find((t) => t.ref.kind === 'umIpGateway')!;
    const old = NOW - MAX_EVIDENCE_AGE_MS - 60_000;
    const j = monitorFindings(org, new Map([[gw.raw, h([silent(old, '192.0.2.10')], ['192.0.2.10'])]]), NOW);
    assert.deepEqual(j.findings, []);
    assert.equal(j.fresh, 0);
    assert.equal(j.stale, 1);
    assert.equal(j.lastProbeAt, old);
    // Just inside the bound it is judged.
    const inside = monitorFindings(org, new Map([[gw.raw, h([silent(NOW - MAX_EVIDENCE_AGE_MS, '192.0.2.10')], ['192.0.2.10'])]]), NOW);
    assert.equal(inside.findings.length, 1);
  });

  it('no history, or only typed targets: nothing judged', () => {
    assert.deepEqual(monitorFindings(org, new Map(), NOW), { findings: [], fresh: 0, stale: 0, lastProbeAt: null });
    const typed = monitorFindings(org, new Map([['sip:192.0.2.200', h([silent(at(1), '192.0.2.200')], ['192.0.2.200'])]]), NOW);
    assert.deepEqual(typed.findings, []);
    assert.equal(typed.fresh, 0);
  });
});
