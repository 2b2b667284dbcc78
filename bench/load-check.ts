/**
 * One measurement in a fresh process: read + parse + decode + check a snapshot file.
 * Prints JSON {ms, parseMs, decodeMs, checkMs, peakRssMb, findings, users}.
 */
import { readFileSync } from 'node:fs';
import { decodeSnapshot } from '../shared/snapshot/decode';
import { evaluateRules } from '../shared/rules/engine';
import { readCertificateBase64 } from '../main/services/certificates/certificate-reader';

const file = process.argv[2];
const t0 = performance.now();
const text = readFileSync(file, 'utf8');
const raw = JSON.parse(text);
const t1 = performance.now();
const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
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
  }),
);
