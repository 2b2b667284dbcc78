/**
 * The generated org is mostly healthy (docs/generated-org.md): judged by the real checker with the
 * org's own findings, as the Users screen and `umc users check` judge it, about 95 % of 10,000 users
 * work and each configured fault shows up with about its share, so the bench measures the common path.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { evaluateRules } from '../../../../shared/rules/engine';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { checkUsers } from '../../../../shared/users/check-all';
import { buildUserIndex } from '../../../../shared/users/user-index';
import { buildUserRuleContext } from '../../../../shared/users/user-rules';
import { generateSnapshot, type GenerateOptions } from '../../../support/org-builder/generate-org';
import { checkUserMix, DEFAULT_USER_MIX, type UserFault } from '../../../support/org-builder/user-mix';

const USERS = 10_000;

function judged(o: Partial<GenerateOptions> = {}) {
  const raw = generateSnapshot({ exchangeServers: 10, dialPlans: 40, gateways: 100, users: USERS, ...o });
  const org = decodeSnapshot(JSON.parse(JSON.stringify(raw)), { readCertificate: readCertificateBase64 });
  const findings = evaluateRules(org);
  return { findings, summary: checkUsers(buildUserIndex(org), buildUserRuleContext(org), undefined, undefined, findings).summary };
}

/** The users a rule should count: R-U-08 counts the two users of each shared extension, the share says so. */
const share = (n: number | undefined) => (n ?? 0) / USERS;

test('default mix: about 95 % of users work, each fault near its share, org findings off the users’ paths', () => {
  const { findings, summary } = judged();
  assert.equal(summary.checked, USERS);
  assert.equal(summary.atRisk, 0, 'no org finding on a user’s call path');
  const working = share(summary.working);
  assert.ok(working >= 0.94 && working <= 0.96, `working share ${working} within 94–96 %`);
  for (const [fault, expected] of Object.entries(DEFAULT_USER_MIX) as [UserFault, number][]) {
    const got = share(summary.byRule[fault]);
    assert.ok(Math.abs(got - expected) <= 0.01, `${fault}: ${got} vs ${expected} ± 1 point`);
    assert.ok(got > 0, `${fault} appears`);
  }
  // A mailbox in a PBX dial plan is also one no pool gateway has a hunt group for (R-U-07).
  assert.equal(summary.byRule['R-U-07'], summary.byRule['R-U-05']);
  // The rule engine still has work: disabled IP-PBX gateways (R-G-09), and no error anywhere.
  assert.ok(findings.some((f) => f.rule === 'R-G-09'));
  assert.deepEqual(
    findings.filter((f) => f.severity === 'error').map((f) => f.rule),
    [],
  );
});

test('a mix is an option: a fault at 0 is absent, a larger share shows as such', () => {
  const { summary } = judged({ userMix: { 'R-U-02': 0.05, 'R-U-13': 0 }, disabledPbxGatewayShare: 0 });
  assert.ok(Math.abs(share(summary.byRule['R-U-02']) - 0.05) <= 0.01, `R-U-02 ${share(summary.byRule['R-U-02'])}`);
  assert.equal(summary.byRule['R-U-13'], undefined);
  const working = share(summary.working);
  assert.ok(working >= 0.9 && working <= 0.92, `working ${working}: 4 points fewer than the default less R-U-13’s half point`);
});

test('a mix that names an unknown fault, a share outside 0…1 or more than every user is refused with what is wrong', () => {
  assert.throws(() => checkUserMix({ ...DEFAULT_USER_MIX, 'R-U-99': 0.1 } as never), /unknown user fault R-U-99/);
  assert.throws(() => checkUserMix({ ...DEFAULT_USER_MIX, 'R-U-01': -0.1 }), /share of R-U-01 must be between 0 and 1, got -0.1/);
  assert.throws(() => checkUserMix({ ...DEFAULT_USER_MIX, 'R-U-01': 0.6, 'R-U-02': 0.6 }), /add up to/);
});
