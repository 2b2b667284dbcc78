/**
 * The bench's command line and its one way of printing a measurement (README, "Benchmarks"):
 * `npm run bench -- [--only NAME[,NAME]] [--json]`. Every figure of bench/*.ts goes through
 * `measure()`, so the text line and the JSON line come from the same number, unit and target.
 * The choice reaches the benches run as child processes through two environment variables
 * (UMC_BENCH_JSON, UMC_BENCH_ONLY), so a bench run alone prints text as before.
 */
import { cpus, totalmem } from 'node:os';

/** The names `--only` accepts, in the order `npm run bench` runs them. */
export const BENCH_NAMES = ['load-check', 'bundle', 'topology', 'topology-1k', 'certificates', 'sip', 'powershell', 'capture', 'contacts', 'users', 'fixes', 'checklist', 'monitor-history'] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

/** A target with its direction: the value must stay at most `max`, or reach at least `min`. */
export type Target = { readonly max: number } | { readonly min: number } | null;

export interface Measurement {
  /** The bench it belongs to: one of BENCH_NAMES. */
  readonly name: BenchName;
  /** The words of the text line, e.g. "check all 100,000 users". */
  readonly label: string;
  readonly value: number;
  /** "ms", "s", "MB", "KB", "files/s", "rows/s", "×". */
  readonly unit: string;
  /** The numeric target in the same unit, or null when the figure is a reference or a report. */
  readonly target: Target;
  /** The target as the text output says it, e.g. "≤ 1 s (was ~9 s at 10 bytes)". */
  readonly targetText: string;
  /** Decimals in the text output (0 unless said). */
  readonly digits?: number;
}

export interface BenchArgs {
  readonly only: readonly BenchName[] | null;
  readonly json: boolean;
}

/** Parses `--only NAME[,NAME]` (or `--only=…`) and `--json`; an unknown name or option is an error naming it and the names. */
export function parseBenchArgs(argv: readonly string[]): { ok: true; args: BenchArgs } | { ok: false; message: string } {
  let only: BenchName[] | null = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const list = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!list || list.startsWith('--')) return { ok: false, message: `--only needs a name; names: ${BENCH_NAMES.join(', ')}` };
      const names = list
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !(BENCH_NAMES as readonly string[]).includes(n));
      if (unknown.length) return { ok: false, message: `unknown bench name ${unknown.join(', ')}; names: ${BENCH_NAMES.join(', ')}` };
      only = [...new Set([...(only ?? []), ...(names as BenchName[])])];
    } else return { ok: false, message: `unknown option ${a}; usage: npm run bench -- [--only NAME[,NAME]] [--json]; names: ${BENCH_NAMES.join(', ')}` };
  }
  return { ok: true, args: { only, json } };
}

/** Whether the target is met: null when there is none. */
export function met(m: Pick<Measurement, 'value' | 'target'>): boolean | null {
  if (!m.target) return null;
  return 'max' in m.target ? m.value <= m.target.max : m.value >= m.target.min;
}

/** The text line, as the bench always printed it: label, value with its unit, target. */
export function textLine(m: Measurement): string {
  const value = `${m.value.toFixed(m.digits ?? 0)}${m.unit === '×' ? '' : ' '}${m.unit}`;
  return `${m.label.padEnd(58)} ${value.padStart(14)}   (target ${m.targetText})`;
}

/** One JSON line per measurement: name, value, unit, target, met (and the label, to tell a bench's figures apart). */
export function jsonLine(m: Measurement): string {
  const target = m.target ? ('max' in m.target ? m.target.max : m.target.min) : null;
  // Judged on the value as printed, so a line never shows 5000 against a target of 5000 as missed.
  const value = Number(m.value.toFixed(m.digits ?? 0));
  return JSON.stringify({ name: m.name, label: m.label, value, unit: m.unit, target, met: met({ value, target: m.target }) });
}

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryMb: number;
  readonly node: string;
  readonly platform: string;
}

export function machine(): Machine {
  const c = cpus();
  return { cores: c.length, cpu: c[0]?.model.trim() ?? 'unknown', memoryMb: Math.round(totalmem() / 1048576), node: process.version, platform: `${process.platform} ${process.arch}` };
}

export function machineText(m: Machine): string {
  return `${m.cores} cores (${m.cpu}), ${(m.memoryMb / 1024).toFixed(1)} GB, Node ${m.node}, ${m.platform}`;
}

export const JSON_ENV = 'UMC_BENCH_JSON';
export const ONLY_ENV = 'UMC_BENCH_ONLY';

const jsonMode = () => process.env[JSON_ENV] === '1';

/** Whether this run measures `name` (every name when --only was not given). */
export function selected(name: BenchName): boolean {
  const only = process.env[ONLY_ENV];
  return !only || only.split(',').includes(name);
}

/** Prints one measurement: the text line, or its JSON line with --json. */
export function measure(m: Measurement): void {
  console.log(jsonMode() ? jsonLine(m) : textLine(m));
}

/** The detail under a measurement: on stdout in text, on stderr with --json (stdout stays JSON lines only). */
export function note(text: string): void {
  if (jsonMode()) process.stderr.write(`${text}\n`);
  else console.log(text);
}
