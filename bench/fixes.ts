/**
 * The fix planner's figures, measured and printed (`npm run bench`, wired in bench/run.ts), on the
 * generated 100,000-user org (50 Exchange servers, 200 dial plans, 1,000 gateways):
 *  1. the impact of every finding (users, numbers, calls dropped: shared/fixes/impact.ts), one pass
 *     over the users whatever the number of findings (target ≤ 1 s);
 *  2. the plans of every finding (shared/fixes/fix-planner.ts planFixes).
 * Run alone: `node --import tsx bench/fixes.ts`.
 */
import { readCertificateBase64 } from '../main/services/certificates/certificate-reader';
import { planFixes } from '../shared/fixes/fix-planner';
import { findingImpacts } from '../shared/fixes/impact';
import type { OrgModel } from '../shared/model/org';
import { evaluateRules } from '../shared/rules/engine';
import { decodeSnapshot } from '../shared/snapshot/decode';
import { generateSnapshot } from '../test/support/org-builder/generate-org';
import { measure, note } from './bench-output';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function impactBench(): Promise<void> {
  const raw = generateSnapshot({ exchangeServers: 50, dialPlans: 200, gateways: 1000, users: 100_000 });
  const org: OrgModel = decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: 'snapshot', sourceLabel: 'org-100k' });
  const findings = evaluateRules(org);
  const impactRuns: number[] = [];
  let counted = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const impacts = findingImpacts(org, findings);
    impactRuns.push(performance.now() - t0);
    counted = [...impacts.values()].filter((x) => x.users > 0).length;
  }
  measure({ name: 'fixes', label: 'impact of every finding, 100,000 users (median of 3)', value: median(impactRuns), unit: 'ms', target: { max: 1000 }, targetText: '≤ 1 s' });
  note(`    ${findings.length} findings, ${counted} with users on their path; ${org.users.length} users`);
  const p0 = performance.now();
  const plans = planFixes(findings, org);
  measure({ name: 'fixes', label: 'plans of every finding, 100,000-user org', value: performance.now() - p0, unit: 'ms', target: { max: 1000 }, targetText: '≤ 1 s' });
  note(`    ${plans.filter((x) => x.kind === 'cmdlet').length} cmdlet plans, ${plans.filter((x) => x.kind === 'manual').length} manual`);
}

/**
 * `umc fix --all --yes` on a fresh copy of the lab org (a temporary UMC_USER_DATA), through real
 * PowerShell and the lab endpoint: the rounds, the commands run, the seconds end to end, and the share
 * of reading the org again (before the writes and after each round: the copy decoded and judged;
 * docs/fixes.md, "umc fix").
 */
export async function fixAllBench(): Promise<void> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { runCli } = await import('../main/cli/umc');
  const { locatePowerShell } = await import('../main/powershell/powershell-locator');
  const { analyseOrg } = await import('../main/services/org-service');
  const { labSnapshotPath, loadSnapshotFile } = await import('../main/services/snapshot-loader');
  const root = join(__dirname, '..');
  const pwsh = process.env.UMC_PWSH ?? locatePowerShell(root)?.executable;
  if (!pwsh) {
    note('umc fix --all --yes: skipped (no PowerShell)');
    return;
  }
  const data = mkdtempSync(join(tmpdir(), 'umc-bench-fix-'));
  try {
    let out = '';
    const t0 = performance.now();
    const code = await runCli(['fix', '--all', '--yes', '--json'], { out: (x) => (out += x), err: () => undefined, root, locale: 'en-US', env: { UMC_USER_DATA: data, UMC_PWSH: pwsh } });
    const seconds = (performance.now() - t0) / 1000;
    const report = JSON.parse(out) as { rounds: { steps: unknown[] }[]; applied: number; left: { kind: string }[] };
    // One read of the org = the copy decoded and judged; a round reads it twice (before writing, after).
    const reads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r0 = performance.now();
      analyseOrg(await loadSnapshotFile(labSnapshotPath(root), 'lab'));
      reads.push(performance.now() - r0);
    }
    const readSeconds = (median(reads) * 2 * report.rounds.length) / 1000;
    measure({ name: 'fixes', label: 'umc fix --all --yes on a fresh lab copy (end to end)', value: seconds, unit: 's', target: { max: 60 }, targetText: '≤ 60 s', digits: 1 });
    note(
      `    exit ${code}, ${report.rounds.length} rounds, ${report.applied} commands applied, ${report.left.filter((x) => x.kind === 'cmdlet').length} cmdlet findings left; reading the org again ≈ ${readSeconds.toFixed(1)} s (${((readSeconds / seconds) * 100).toFixed(0)} %)`,
    );
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

if (require.main === module) {
  impactBench()
    .then(fixAllBench)
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });
}
