/**
 * `umc check`'s gateway monitor evidence (docs/live-sessions.md "Gateways over time"): the history the
 * console's monitor kept in the user-data folder (main/services/sip/monitor-history-store.ts), or the
 * file `--monitor-history FILE` names (a jump host's copy). With fresh evidence (shared/sip/monitor-findings.ts
 * MAX_EVIDENCE_AGE_MS) R-G-10, R-G-08 on FQDNs and an address changed since first seen are findings
 * like any other: they count in the summary and the exit code. One line on stderr says which file
 * judged how many peers and how old its last probe is, or why it was not used.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostics/diagnostic';
import { formatDateTime, type Language, translateDynamic } from '../../shared/i18n/translate';
import { MAX_EVIDENCE_AGE_MS, monitorFindings } from '../../shared/sip/monitor-findings';
import type { LoadedOrg } from '../services/org-service';
import { monitorHistoryPath, readMonitorHistory } from '../services/sip/monitor-history-store';
import { userDataDir } from '../services/user-data';
import { cliError } from './cli-args';

export interface MonitorEvidence {
  readonly findings: readonly Diagnostic[];
  /** For stderr; null when there was no history at all (nothing to say). */
  readonly note: string | null;
}

/**
 * The monitor's findings on the org, from `explicit` (must exist: a named file that is missing is bad
 * input) or else the user-data file when there is one.
 */
export async function monitorEvidence(l: LoadedOrg, explicit: string | null, env: Readonly<Record<string, string | undefined>>, language: Language, now: number): Promise<MonitorEvidence> {
  const path = explicit !== null ? resolve(explicit) : monitorHistoryPath(userDataDir(env));
  if (explicit !== null && !existsSync(path)) throw cliError('gatewayHistory.cli.notFound', { file: explicit });
  const loaded = await readMonitorHistory(path, now);
  const file = explicit ?? path;
  if (loaded.kind === 'none') return { findings: [], note: null };
  if (loaded.kind === 'refused') {
    // A file the user named and cannot be used is bad input; the default one is only reported.
    if (explicit !== null) throw cliError('gatewayHistory.cli.refusedFile', { file, reason: loaded.reason });
    return { findings: [], note: translateDynamic(language, 'gatewayHistory.cli.monitorRefused', { file, reason: loaded.reason }) };
  }
  const judged = monitorFindings(l.org, loaded.state.histories, now);
  if (judged.fresh === 0) {
    if (judged.lastProbeAt === null) return { findings: [], note: null };
    return {
      findings: [],
      note: translateDynamic(language, 'gatewayHistory.cli.monitorStale', { file, hours: MAX_EVIDENCE_AGE_MS / 3_600_000, time: formatDateTime(language, new Date(judged.lastProbeAt).toISOString()) }),
    };
  }
  return {
    findings: judged.findings,
    note: translateDynamic(language, 'gatewayHistory.cli.monitorHistory', { file, fresh: judged.fresh, minutes: Math.max(0, Math.floor((now - judged.lastProbeAt!) / 60_000)) }),
  };
}
