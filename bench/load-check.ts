/**
 * One measurement in a fresh process: read + decode + check a snapshot file, as `umc check` and the
 * console read a large one — the file scanned once and its large sections decoded in pieces
 * (main/services/snapshot-sections.ts), the whole text parsed at once only when that cannot be done.
 * Prints JSON {ms, parseMs, decodeMs, checkMs, peakRssMb, findings, users, sectioned}: parseMs is the read,
 * the scan and the parse of everything but the large sections; decodeMs the decode, the large sections'
 * pieces parsed on the way.
 */
import { readFileSync } from 'node:fs';
import { decodeSnapshot } from '../shared/snapshot/decode';
import type { OrgModel } from '../shared/model/org';
import { evaluateRules } from '../shared/rules/engine';
import { readCertificateBase64 } from '../main/services/certificates/certificate-reader';
import { decodeSnapshotFileInSections } from '../main/services/snapshot-sections';

async function main() {
  const file = process.argv[2]!;
  const t0 = performance.now();
  let t1 = 0;
  const decode = (raw: unknown): OrgModel => {
    t1 = performance.now();
    return decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
  };
  let org = await decodeSnapshotFileInSections(file, decode);
  const sectioned = org !== null;
  org ??= decode(JSON.parse(readFileSync(file, 'utf8')));
  const t2 = performance.now();
  const findings = evaluateRules(org);
  const t3 = performance.now();
  process.stdout.write(
    JSON.stringify({
      ms: Math.round(t3 - t0),
      parseMs: Math.round(t1 - t0),
      decodeMs: Math.round(t2 - t1),
      checkMs: Math.round(t3 - t2),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      findings: findings.length,
      users: org.users.length,
      sectioned,
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
