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
import { measure, note } from './bench-output';

const raw = generateSnapshot({ exchangeServers: 50, dialPlans: 200, gateways: 1000, users: 100_000 });
const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: 'snapshot', sourceLabel: 'org-100k' });
const l = analyseOrg(org);
const t0 = performance.now();
const { checklist, plans } = checklistOf(l);
const built = performance.now() - t0;
const actions = checklist.steps.reduce((n, s) => n + (s.action?.findings.length ?? 0), 0);
measure({ name: 'checklist', label: 'checklist of 100,000 users, real planner', value: built, unit: 'ms', target: { max: 5000 }, targetText: '≤ 5000 ms, as checking every user' });
note(`    ${checklist.done} of ${checklist.total} steps done; ${actions} findings in the actions; ${plans.size} plans`);
const h0 = performance.now();
const html = changePlanHtml(checklist, plans, 'en', { source: org.source, generatedAt: new Date().toISOString() });
const csv = changePlanCsv(checklist, plans, 'fr');
measure({ name: 'checklist', label: 'change plan, HTML + CSV', value: performance.now() - h0, unit: 'ms', target: { max: 3000 }, targetText: '≤ 3000 ms' });
note(`    HTML ${(html.length / 1024).toFixed(0)} KiB, CSV ${(csv.length / 1024).toFixed(0)} KiB`);
