/**
 * What the gateway monitor judges, as findings of the one Diagnostic type (docs/live-sessions.md
 * "Gateways over time"). A snapshot cannot say whether a peer answers or which address a name resolves
 * to today, so R-G-10 is listed as "needs a probe" (shared/rules/engine.ts NOT_EVALUATED) and R-G-08
 * judges IP literals only; the monitor's history (shared/sip/monitor-model.ts monitorFlags) answers
 * both for the org's SIP peers (shared/sip/topology-targets.ts), with its evidence: which probe, when,
 * which address, how long ago.
 *
 * Evidence older than MAX_EVIDENCE_AGE_MS is not used: a peer may have been fixed or broken since, so
 * the rule stays "needs a probe". Two hours is twice the longest monitor interval (3600 s): a running
 * monitor at any interval always has fresh evidence, a history left from yesterday never does.
 * Pure: no Node, no DOM.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { OrgModel } from '../model/org';
import { type MonitorFlag, type MonitoredTarget, monitorFlags, type TargetHistory } from './monitor-model';
import { topologyTargets } from './topology-targets';

export const MAX_EVIDENCE_AGE_MS = 2 * 3600 * 1000;

/** The rule ID of "an FQDN peer whose addresses changed since first seen" (no catalogue ID: only the monitor can see it). */
export const ADDRESS_CHANGED_RULE = 'monitor.addressChanged';

/** Seed 004 and the UM IP gateway cmdlet page are where Exchange's view of its SIP peers (FQDN or IP, event 1175) is stated (docs/sources.md). */
const SOURCES = ['PS-EX-Set-UMIPGateway'];

export interface MonitorJudgement {
  readonly findings: readonly Diagnostic[];
  /** Topology peers with fresh evidence (judged). */
  readonly fresh: number;
  /** Topology peers whose only evidence is older than the bound (not judged). */
  readonly stale: number;
  /** Epoch ms of the newest probe of a topology peer, null when none was probed. */
  readonly lastProbeAt: number | null;
}

export const NO_MONITOR_JUDGEMENT: MonitorJudgement = { findings: [], fresh: 0, stale: 0, lastProbeAt: null };

/** Whole minutes since `at` (never negative: a clock that stepped back reads "0 min"). */
const minutesSince = (at: number, now: number) => Math.max(0, Math.floor((now - at) / 60_000));

/**
 * The monitor's findings on the org's SIP peers from the histories by target raw. Typed targets are
 * no trusted peers of Exchange and are never judged here.
 */
export function monitorFindings(org: OrgModel, histories: ReadonlyMap<string, TargetHistory>, now: number, maxAgeMs: number = MAX_EVIDENCE_AGE_MS): MonitorJudgement {
  const byRaw = new Map([...histories].map(([raw, h]) => [raw.toLowerCase(), h]));
  const targets = topologyTargets(org);
  const fresh: (MonitoredTarget & { readonly label: string; readonly ref: (typeof targets)[number]['ref']; readonly lastAt: number })[] = [];
  let stale = 0;
  let lastProbeAt: number | null = null;
  for (const t of targets) {
    const h = byRaw.get(t.raw.toLowerCase());
    const last = h?.samples[h.samples.length - 1];
    if (!h || !last) continue;
    lastProbeAt = Math.max(lastProbeAt ?? 0, last.at);
    if (now - last.at > maxAgeMs) {
      stale++;
      continue;
    }
    fresh.push({ raw: t.raw, host: t.host, fromTopology: true, history: h, label: t.label, ref: t.ref, lastAt: last.at });
  }
  const flags = monitorFlags(fresh);
  const findings: Diagnostic[] = [];
  for (const t of fresh) {
    const last = t.history.samples[t.history.samples.length - 1]!;
    // `answer`: the status as an ICU select key (no hyphen: `dns-error` → `dnsError`), for the message's plain words.
    const answer = last.status.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const evidence = { gateway: t.label, target: t.raw, minutes: minutesSince(last.at, now), lastAddress: last.address ?? '—', answer };
    for (const f of flags.get(t.raw) ?? []) findings.push(diagnosticOf(f, t.ref, evidence));
  }
  return { findings, fresh: fresh.length, stale, lastProbeAt };
}

function diagnosticOf(flag: MonitorFlag, object: Diagnostic['objects'][number], evidence: { gateway: string; target: string; minutes: number; lastAddress: string; answer: string }): Diagnostic {
  const rule = flag.id === 'address-changed' ? ADDRESS_CHANGED_RULE : flag.id;
  const variant = flag.id === 'R-G-08' ? 'sharedAddress' : flag.id === 'R-G-10' ? 'notAnswering' : 'addressChanged';
  return {
    rule,
    severity: flag.severity,
    area: 'gateways',
    objects: [object],
    message: { key: `gatewayHistory.finding.${variant}`, params: { ...evidence, ...flag.params } },
    fix: [],
    sources: SOURCES,
  };
}
