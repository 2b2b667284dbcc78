/**
 * The deployment checklist's figures (docs/checklist.md), on the generated 100,000-user org: the
 * checklist built from the loaded org with the real planner (every user judged for the user steps,
 * each failing user's reasons planned), and the change plan written as HTML and CSV.
 * `node --import tsx bench/checklist.ts`.
 */
import { readCertificateBase64 } from '../main/services/certificates/certificate-reader';
import { checklistOf } from '../main/services/checklist/checklist-service';
import { analyseOrg } from '../main/services/org-service';
import { changePlanCsv, changePlanHtml } from '../shared/checklist/change-plan';
import { decodeSnapshot } from '../shared/snapshot/decode';
import { generateSnapshot } from '../test/support/org-builder/generate-org';
import { labCertificates } from '../test/support/lab';

const line = (name: string, value: string, target: string) => console.log(`${name.padEnd(58)} ${value.padStart(14)}   (target ${target})`);

const raw = generateSnapshot({ exchangeServers: 50, dialPlans: 200, gateways: 1000, users: 100_000, certificates: labCertificates() });
const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: 'snapshot', sourceLabel: 'org-100k' });
const l = analyseOrg(org);
const t0 = performance.now();
const { checklist, plans } = checklistOf(l);
const built = performance.now() - t0;
const actions = checklist.steps.reduce((n, s) => n + (s.action?.findings.length ?? 0), 0);
line('checklist of 100,000 users, real planner', `${Math.round(built)} ms`, '≤ 5000 ms, as checking every user');
console.log(`    ${checklist.done} of ${checklist.total} steps done; ${actions} findings in the actions; ${plans.size} plans`);
const h0 = performance.now();
const html = changePlanHtml(checklist, plans, 'en', { source: org.source, generatedAt: new Date().toISOString() });
const csv = changePlanCsv(checklist, plans, 'fr');
line('change plan, HTML + CSV', `${Math.round(performance.now() - h0)} ms`, '≤ 3000 ms');
console.log(`    HTML ${(html.length / 1024).toFixed(0)} KiB, CSV ${(csv.length / 1024).toFixed(0)} KiB`);
