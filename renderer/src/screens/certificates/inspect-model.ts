/**
 * Offline inspection, pure: which files the renderer refuses before reading them, how they are
 * batched into certificates.inspect calls, how the answers land on the files, and which files wait
 * for a PFX password. A password is never part of this state: it goes straight into one request.
 */
import type { CertPurpose, FileInspection, InspectErrorCode } from '../../../../shared/certificates/cert-model';
import { CERT_PURPOSES, MAX_CERT_FILE_BYTES } from '../../../../shared/certificates/cert-model';
import { certSeverity, rollup, type Rollup } from './inventory-model';

export const ACCEPT = '.cer,.crt,.pem,.der,.p7b,.p7c,.pfx,.p12';

export type PurposeChoice = CertPurpose | 'none';
export const PURPOSE_CHOICES: readonly PurposeChoice[] = ['none', ...CERT_PURPOSES];

/** The contract's limits: 50 files per call; we also keep one call's bytes reasonable. */
export const MAX_FILES_PER_CALL = 50;
export const MAX_BASE64_PER_CALL = 24 * 1024 * 1024;

export interface InspectEntry {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  /** The file's bytes (base64), kept to inspect again with a password; null when refused unread. */
  readonly data: string | null;
  readonly state: 'reading' | 'inspecting' | 'done';
  readonly result: FileInspection | null;
  /** The user closed the password dialog for this file: it waits for a click on "Enter password". */
  readonly passwordDismissed: boolean;
}

export function isTooLarge(size: number): boolean {
  return size > MAX_CERT_FILE_BYTES;
}

/** A file that never reached the main process: the same shape as main's answer. */
export function localFailure(name: string, code: InspectErrorCode, message: string): FileInspection {
  return { file: name, error: { code, message }, certificates: [] };
}

export function isPasswordError(code: string | null | undefined): boolean {
  return code === 'password-required' || code === 'wrong-password';
}

export function needsPassword(e: InspectEntry): boolean {
  return e.state === 'done' && e.data !== null && isPasswordError(e.result?.error?.code);
}

/** The file the password dialog asks for now (the first one waiting), or null. */
export function nextPasswordEntry(entries: readonly InspectEntry[]): InspectEntry | null {
  return entries.find((e) => needsPassword(e) && !e.passwordDismissed) ?? null;
}

/** Files to send, in calls of at most MAX_FILES_PER_CALL files and about MAX_BASE64_PER_CALL characters. */
export function batches<T extends { readonly data: string | null }>(entries: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const e of entries) {
    if (e.data === null) continue;
    if (current.length > 0 && (current.length >= MAX_FILES_PER_CALL || size + e.data.length > MAX_BASE64_PER_CALL)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(e);
    size += e.data.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export interface InspectOptions {
  readonly fqdn: string;
  readonly purpose: PurposeChoice;
}

/** The request options: an empty FQDN and "none" are left out (no judgement for a purpose). */
export function requestOptions(o: InspectOptions): { fqdn?: string; purpose?: CertPurpose } {
  const fqdn = o.fqdn.trim();
  return { ...(fqdn ? { fqdn } : {}), ...(o.purpose !== 'none' ? { purpose: o.purpose } : {}) };
}

/** Main answers one FileInspection per file, in order: put each on its entry. */
export function applyResults(entries: readonly InspectEntry[], sent: readonly { readonly id: number }[], results: readonly FileInspection[]): InspectEntry[] {
  const byId = new Map<number, FileInspection>();
  sent.forEach((s, i) => {
    const r = results[i];
    if (r) byId.set(s.id, r);
  });
  return entries.map((e) => {
    const r = byId.get(e.id);
    if (!r) return e;
    // A new password error (wrong password) asks again; any other answer ends the asking.
    return { ...e, state: 'done', result: r, passwordDismissed: false };
  });
}

/** A whole call failed (not one file): every file of it says so, the others keep their answers. */
export function applyFailure(entries: readonly InspectEntry[], sent: readonly { readonly id: number }[], message: string): InspectEntry[] {
  const ids = new Set(sent.map((s) => s.id));
  return entries.map((e) => (ids.has(e.id) ? { ...e, state: 'done', result: localFailure(e.name, 'unreadable', message) } : e));
}

/** The user cancelled: the files of the calls not sent yet say so, as main says it of the files it did not read. */
export function applyCancelled(entries: readonly InspectEntry[], sent: readonly { readonly id: number }[], message: string): InspectEntry[] {
  const ids = new Set(sent.map((s) => s.id));
  return entries.map((e) => (ids.has(e.id) ? { ...e, state: 'done', result: localFailure(e.name, 'cancelled', message) } : e));
}

/** How a file reads at a glance: an error when it could not be read, else its certificates' worst finding. */
export function fileSeverity(e: InspectEntry): Rollup {
  if (!e.result) return 'none';
  if (e.result.error) return isPasswordError(e.result.error.code) ? 'warning' : 'error';
  return rollup(e.result.certificates.map(certSeverity));
}

/** "12 files: 10 read, 2 refused" (and how many are still being read): the batch at a glance. */
export function batchSummary(entries: readonly InspectEntry[]): { files: number; read: number; refused: number; pending: number } {
  let read = 0;
  let refused = 0;
  for (const e of entries) {
    if (e.state !== 'done' || !e.result) continue;
    if (e.result.error) refused++;
    else read++;
  }
  return { files: entries.length, read, refused, pending: entries.length - read - refused };
}

/** The files of the last batch added that could not be read (not those waiting for a password: the dialog asks). */
export function newErrors(entries: readonly InspectEntry[], lastBatch: readonly number[]): InspectEntry[] {
  const ids = new Set(lastBatch);
  return entries.filter((e) => ids.has(e.id) && e.state === 'done' && e.result?.error && !isPasswordError(e.result.error.code) && e.result.error.code !== 'cancelled');
}
