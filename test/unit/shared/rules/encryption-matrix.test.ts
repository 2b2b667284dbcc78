/** The VoIP security × media encryption table (shared/rules/encryption-matrix.ts) and the rules that read it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENCRYPTION_LEVELS, VOIP_SECURITIES } from '../../../../shared/model/org';
import { RULE_BY_ID } from '../../../../shared/diagnostics/registry';
import { ENCRYPTION_MATRIX, encryptionCell } from '../../../../shared/rules/encryption-matrix';
import { evaluateRules } from '../../../../shared/rules/engine';
import { dialPlan } from '../../../support/org-builder/org-spec';
import { DIAL_PLAN, orgWith } from '../../../support/org-builder/small-org';
import { variantOf } from '../../../support/diagnostics';

const MATRIX_RULES = new Set(['R-D-02', 'R-D-03', 'R-D-04']);

describe('the encryption matrix', () => {
  test('one cell per pair of the documented values (3 VoIPSecurity × 3 EncryptionLevel), each with its seed sentence', () => {
    assert.equal(ENCRYPTION_MATRIX.length, VOIP_SECURITIES.length * ENCRYPTION_LEVELS.length);
    for (const v of VOIP_SECURITIES) for (const l of ENCRYPTION_LEVELS) assert.ok(encryptionCell(v, l), `${v} × ${l}`);
    for (const c of ENCRYPTION_MATRIX) {
      assert.ok(c.quote.length > 20, `${c.voipSecurity} × ${c.level}: no quote`);
      assert.equal(c.rule === null, c.outcome === 'works', `${c.voipSecurity} × ${c.level}`);
      // A supported cell is a row of seed 001's table; no other cell is.
      assert.equal(c.tableRow !== undefined, c.outcome === 'works', `${c.voipSecurity} × ${c.level}`);
      if (c.rule) assert.ok(RULE_BY_ID.has(c.rule) && c.severity !== null && c.variant !== null, `${c.voipSecurity} × ${c.level}`);
    }
    assert.equal(encryptionCell('Unsecured', 'Whatever'), undefined);
  });

  test('what seed 001 says, cell by cell: the supported rows of its table work; SIPSecured under RequireEncryption fails every call; Unsecured fails harder', () => {
    const outcome = (v: string, l: string) => encryptionCell(v, l)?.outcome;
    assert.equal(outcome('Secured', 'RequireEncryption'), 'works');
    assert.equal(outcome('Secured', 'SupportEncryption'), 'works');
    assert.equal(outcome('SIPSecured', 'SupportEncryption'), 'works');
    assert.equal(outcome('SIPSecured', 'DoNotSupportEncryption'), 'works');
    assert.equal(outcome('SIPSecured', 'RequireEncryption'), 'callsFail');
    assert.equal(outcome('Unsecured', 'RequireEncryption'), 'signallingAndMediaFail');
    assert.equal(outcome('Unsecured', 'SupportEncryption'), 'signallingFails');
    assert.equal(outcome('Unsecured', 'DoNotSupportEncryption'), 'signallingFails');
    assert.equal(outcome('Secured', 'DoNotSupportEncryption'), 'phoneEditionFails');
  });

  test("the rules fire exactly on the cells the table gives them, with the cell's severity and variant", () => {
    for (const c of ENCRYPTION_MATRIX) {
      const org = orgWith((s) => {
        dialPlan(s, DIAL_PLAN).voipSecurity = c.voipSecurity;
        s.skype.mediaConfigurations = [{ identity: 'Global', encryption: c.level }];
      });
      const fired = evaluateRules(org).filter((f) => MATRIX_RULES.has(f.rule));
      const cell = `${c.voipSecurity} × ${c.level}`;
      if (!c.rule) {
        assert.deepEqual(fired, [], cell);
        continue;
      }
      assert.deepEqual(
        fired.map((f) => [f.rule, f.severity, variantOf(f)]),
        [[c.rule, c.severity, c.variant]],
        cell,
      );
    }
  });
});
