/**
 * The load and check of a large org were made cheaper (docs/large-orgs.md, "Load and check": the
 * large sections decoded in pieces, shared values pooled, the dial plans' home pools computed once per
 * org); the findings must not move. The generated 10,000-user org (test/support/org-builder, seed 42,
 * docs/generated-org.md) is judged by the org rules and by "check everyone", and both are compared with
 * what the decoder and rules gave before those changes (counted on the same org at commit f9e0a75):
 * per rule ID, and every failing user with its rules.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { evaluateRules } from '../../../../shared/rules/engine';
import { homePoolsOf } from '../../../../shared/rules/contact-topology-rules';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { checkUsers } from '../../../../shared/users/check-all';
import { buildUserIndex } from '../../../../shared/users/user-index';
import { buildUserRuleContext } from '../../../../shared/users/user-rules';
import { generateSnapshot } from '../../../support/org-builder/generate-org';

describe('the generated 10,000-user org: the same findings as before the large-org changes', () => {
  const raw = generateSnapshot({ exchangeServers: 10, dialPlans: 40, gateways: 200, users: 10_000 });
  const org = decodeSnapshot(JSON.parse(JSON.stringify(raw)), { readCertificate: readCertificateBase64 });
  const findings = evaluateRules(org);

  test('org rules: R-G-09 × 2, R-C-08 × 8 (the org-level faults the generator puts off users’ paths)', () => {
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    assert.deepEqual(counts, { 'R-G-09': 2, 'R-C-08': 8 });
    assert.equal(createHash('sha256').update(JSON.stringify(findings)).digest('hex'), '7280abcdef53c622051ec8cc75e9a0cbe78cb242ff5f3985418903f92b21e23c');
  });

  test('check everyone: 9,516 work, 484 fail, the counts per R-U rule of the generated mix', () => {
    const r = checkUsers(buildUserIndex(org), buildUserRuleContext(org), undefined, undefined, findings);
    assert.deepEqual(r.summary, {
      checked: 10_000,
      working: 9516,
      failing: 484,
      atRisk: 0,
      byRule: { 'R-U-13': 53, 'R-U-01': 51, 'R-U-02': 107, 'R-U-03': 76, 'R-U-05': 20, 'R-U-04': 39, 'R-U-07': 20, 'R-U-08': 64, 'R-U-09': 57, 'R-U-12': 17, 'R-U-10': 43 },
      notFound: [],
      ambiguous: [],
    });
    assert.equal(createHash('sha256').update(JSON.stringify(r.failing)).digest('hex'), 'f63b54a21645699da6bd4c12e7f895490c500ccaf31b32ac0debc4e2b76b2cc9');
  });

  test('the home pools are computed once per org and shared by the rules and the contact editor', () => {
    assert.equal(homePoolsOf(org), homePoolsOf(org));
    assert.ok(homePoolsOf(org).size > 0);
  });
});
