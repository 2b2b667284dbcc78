/**
 * A synthetic transaction's answer decoded, classified, and placed on the call path.
 *
 * Test-CsExUMConnectivity and Test-CsExUMVoiceMail return Microsoft.Rtc.SyntheticTransactions.TaskOutput
 * (the OUTPUTS of both pages): TargetFqdn, Result (Success / Failure), Latency, Error, Diagnosis. Error is
 * the SIP response or socket error as "<code>, <text>" ("404, Not Found"; "10060, A connection attempt
 * failed …"); Diagnosis is the ms-diagnostics header as "ErrorCode=<n>,Source=<fqdn>,Reason=<text>"
 * (docs/voicemail-tests.md, "The output"). Remoting may deliver Latency as text ("00:00:01.2340000")
 * or as a TimeSpan's properties (docs/remote-shapes.md).
 *
 * The placement never judges the org again: the failure's kind says which hops of the call path
 * (shared/users/call-path.ts) it can come from, and the first of those the path already shows red is
 * the one named; when none is red, the first hop the kind points at.
 */
import type { CallHop, HopKind } from '../users/user-model';
import type { SyntheticTestKind } from './synthetic-test';

export interface TaskOutputFacts {
  readonly targetFqdn: string | null;
  /** Result as the cmdlet says it (Success, Failure, …); `passed` is Result === Success. */
  readonly result: string;
  readonly passed: boolean;
  readonly latencyMs: number | null;
  readonly error: string | null;
  readonly diagnosis: string | null;
  /** The code leading Error: a SIP status (100–699) or a socket error (10000+). */
  readonly errorCode: number | null;
  /** ms-diagnostics ErrorCode, Source, Reason. */
  readonly diagnosticCode: number | null;
  readonly diagnosticSource: string | null;
  readonly diagnosticReason: string | null;
}

/** What went wrong, in the terms the explanation uses (voicemailTest.kind.<kind>.*). */
export type FailureKind = 'passed' | 'signIn' | 'notSipEnabled' | 'noRoute' | 'rejected' | 'tls' | 'unreachable' | 'unknown';
export const FAILURE_KINDS: readonly FailureKind[] = ['passed', 'signIn', 'notSipEnabled', 'noRoute', 'rejected', 'tls', 'unreachable', 'unknown'];

/** The hops each kind can come from, in the order they are considered. */
const CANDIDATES: Readonly<Record<FailureKind, readonly HopKind[]>> = {
  passed: [],
  // The test user's own sign-in: no hop of the tested user's path.
  signIn: [],
  notSipEnabled: ['pool'],
  // Skype found no way to Exchange UM: no gateway for the pool, or one that does not take calls.
  noRoute: ['gateway', 'huntGroup', 'dialPlan', 'umServer'],
  // Exchange UM refused the call: no hunt group for the dial plan, a dial plan that is not SIP URI.
  rejected: ['huntGroup', 'dialPlan', 'gateway'],
  // The mutual TLS between the pool and UM (certificates, VoIP security, startup mode).
  tls: ['umServer', 'gateway', 'dialPlan'],
  // Nobody answered: no UM server for the dial plan, a server down or on the wrong port.
  unreachable: ['umServer', 'gateway'],
  unknown: ['pool', 'gateway', 'huntGroup', 'dialPlan', 'umServer'],
};

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** "hh:mm:ss(.fffffff)" or "d.hh:mm:ss…", a number of milliseconds, or a TimeSpan's properties. */
export function latencyMs(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(v.trim());
    if (!m) return null;
    const frac = m[5] ? Number(`0.${m[5]}`) : 0;
    return Math.round((((Number(m[1] ?? 0) * 24 + Number(m[2])) * 60 + Number(m[3])) * 60 + Number(m[4]) + frac) * 1000);
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.TotalMilliseconds === 'number') return Math.round(o.TotalMilliseconds);
    if (typeof o.Ticks === 'number') return Math.round(o.Ticks / 10_000);
  }
  return null;
}

/** The ms-diagnostics parts of a Diagnosis text: ErrorCode=…,Source=…,Reason=… (Reason runs to the end: it may hold commas). */
export function parseDiagnosis(diagnosis: string | null): { code: number | null; source: string | null; reason: string | null } {
  if (!diagnosis) return { code: null, source: null, reason: null };
  const code = /ErrorCode\s*=\s*(\d+)/i.exec(diagnosis);
  const source = /Source\s*=\s*([^,;]+)/i.exec(diagnosis);
  const reason = /Reason\s*=\s*"?(.*?)"?\s*$/is.exec(diagnosis);
  return { code: code ? Number(code[1]) : null, source: source ? source[1].trim() : null, reason: reason ? reason[1].trim() : null };
}

/** One TaskOutput object (as the host delivers it) decoded; null when the object is not one. */
export function decodeTaskOutput(o: unknown): TaskOutputFacts | null {
  if (!o || typeof o !== 'object') return null;
  const r = o as Record<string, unknown>;
  const result = text(r.Result);
  if (result === null) return null;
  const error = text(r.Error);
  const diagnosis = text(r.Diagnosis);
  const lead = error ? /^(\d{3,5})\s*[,:]/.exec(error) : null;
  const d = parseDiagnosis(diagnosis);
  return {
    targetFqdn: text(r.TargetFqdn),
    result,
    passed: /^success$/i.test(result),
    latencyMs: latencyMs(r.Latency),
    error,
    diagnosis,
    errorCode: lead ? Number(lead[1]) : null,
    diagnosticCode: d.code,
    diagnosticSource: d.source,
    diagnosticReason: d.reason,
  };
}

const TLS_WORDS = /\b(TLS|SSL|certificate|SEC_E_|schannel|handshake)\b/i;

/** The kind of a failure from its SIP status, socket error, ms-diagnostics code and words (docs/voicemail-tests.md, "Reading a failure"). */
export function failureKind(f: TaskOutputFacts): FailureKind {
  if (f.passed) return 'passed';
  const all = `${f.error ?? ''} ${f.diagnosis ?? ''}`;
  const sip = f.errorCode !== null && f.errorCode < 700 ? f.errorCode : null;
  const socket = f.errorCode !== null && f.errorCode >= 10000 ? f.errorCode : null;
  if (sip === 401 || sip === 407 || /\b(unauthori[sz]ed|logon failure|credentials? (?:were|was) rejected)\b/i.test(all)) return 'signIn';
  // 4005: "Destination URI either not enabled for SIP or does not exist".
  if (f.diagnosticCode === 4005 || /not enabled for SIP/i.test(all)) return 'notSipEnabled';
  if (TLS_WORDS.test(all) || socket === 10054) return 'tls';
  if (sip === 403 || sip === 488 || sip === 415) return 'rejected';
  if (sip === 408 || sip === 504 || socket === 10060 || socket === 10061 || /\b(timed? ?out|did not properly respond|actively refused)\b/i.test(all)) return 'unreachable';
  // 15030: "Failed to route to Exchange Server"; a 404/480/503 on the way to voice mail says the same.
  if (f.diagnosticCode === 15030 || sip === 404 || sip === 480 || sip === 503 || /failed to route/i.test(all)) return 'noRoute';
  return 'unknown';
}

export interface Placement {
  readonly kind: FailureKind;
  /** The hop the failure is placed on (null: passed, or the test user's own sign-in). */
  readonly hop: HopKind | null;
  /** The path already showed that hop red (the org's state agrees with the test). */
  readonly pathAgrees: boolean;
}

export function placeOnPath(f: TaskOutputFacts, path: readonly CallHop[]): Placement {
  const kind = failureKind(f);
  const candidates = CANDIDATES[kind];
  if (candidates.length === 0) return { kind, hop: null, pathAgrees: false };
  const red = new Set(path.filter((h) => !h.ok).map((h) => h.kind));
  const agreeing = candidates.find((c) => red.has(c));
  return agreeing ? { kind, hop: agreeing, pathAgrees: true } : { kind, hop: candidates[0], pathAgrees: false };
}

/** One run's answer as the screens and the CLI show it. */
export interface SyntheticTestResult {
  readonly kind: SyntheticTestKind;
  readonly cmdlet: string;
  /** The exact command run (the credential as a Get-Credential line, never the password). */
  readonly command: string;
  /** The user whose call path the result is placed on. */
  readonly sipAddress: string;
  readonly facts: TaskOutputFacts;
  readonly placement: Placement;
  readonly path: readonly CallHop[];
  /** The raw output as the cmdlet's Format-List shows it (code font, never translated). */
  readonly raw: string;
  /** When it ran (ISO). */
  readonly ranAt: string;
}

/** Milliseconds as a TimeSpan prints itself: hh:mm:ss.fffffff. */
export function timeSpanText(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const frac = total % 1000;
  return `${two(h)}:${two(m)}:${two(s)}${frac ? `.${String(frac * 10_000).padStart(7, '0')}` : ''}`;
}

/** The TaskOutput as `Format-List` prints it, for the raw output panel. */
export function rawTaskOutput(f: TaskOutputFacts, o: unknown): string {
  const r = (o ?? {}) as Record<string, unknown>;
  const latency = typeof r.Latency === 'string' ? r.Latency : f.latencyMs !== null ? timeSpanText(f.latencyMs) : '';
  const rows: [string, string][] = [
    ['TargetFqdn', f.targetFqdn ?? ''],
    ['Result', f.result],
    ['Latency', latency],
    ['Error', f.error ?? ''],
    ['Diagnosis', f.diagnosis ?? ''],
  ];
  return rows.map(([k, v]) => `${k.padEnd(10)} : ${v}`).join('\n');
}
