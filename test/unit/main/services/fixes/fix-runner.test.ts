/**
 * The fix runner's pure parts: parameters bound as data whatever their text (hostile names stay values,
 * never script), the audit log's form of numbers and lists, and how a plan made again is compared with
 * the one shown (the stale check names the properties that changed).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditParameters, objectState, planDifferences, toParameters } from '../../../../../main/services/fixes/fix-runner';
import type { FixCommand, FixPlan } from '../../../../../shared/fixes/fix-model';

const HOSTILE = ["O'Brien’s $(Remove-Item C:\\)", '`whoami`; exit', 'line\nbreak', '\u202Egnp.exe', "'; Stop-Computer #"];

function command(over: Partial<FixCommand> = {}): FixCommand {
  return {
    shell: 'exchange',
    cmdlet: 'Set-UMIPGateway',
    parameters: [
      { name: 'Identity', value: HOSTILE[0]! },
      { name: 'OutcallsAllowed', value: false },
    ],
    target: { kind: 'umIpGateway', id: HOSTILE[0]! },
    changes: [{ property: 'OutcallsAllowed', before: 'true', after: 'false' }],
    whatIf: true,
    ...over,
  };
}

function plan(commands: FixCommand[]): FixPlan {
  return { finding: 'R-G-05|umipgateway:x', rule: 'R-G-05', kind: 'cmdlet', commands, manual: [], meanwhile: [], whyManual: null, role: 'ExchangeOrganizationAdministrator' };
}

describe('fix runner', () => {
  it('binds every parameter as a typed value: hostile names stay the exact string, lists stay lists', () => {
    for (const h of HOSTILE) {
      const p = toParameters(
        command({
          parameters: [
            { name: 'Identity', value: h },
            { name: 'DialPlans', value: [h, 'B'] },
            { name: 'Port', value: 5061 },
            { name: 'Enabled', value: true },
          ],
        }),
      );
      assert.equal(p.Identity, h);
      assert.deepEqual(p.DialPlans, [h, 'B']);
      assert.equal(p.Port, 5061);
      assert.equal(p.Enabled, true);
    }
  });

  it('audits a number as its digits and a list as PowerShell list text (single-quoted, quotes doubled)', () => {
    const a = auditParameters(
      command({
        parameters: [
          { name: 'DialPlans', value: ["O'Hare", 'B'] },
          { name: 'Port', value: 5061 },
          { name: 'Empty', value: [] },
          { name: 'X', value: HOSTILE[1]! },
          { name: 'Y', value: false },
        ],
      }),
    );
    assert.deepEqual(a, [
      { name: 'DialPlans', value: "'O''Hare','B'" },
      { name: 'Port', value: '5061' },
      { name: 'Empty', value: '@()' },
      { name: 'X', value: HOSTILE[1] },
      { name: 'Y', value: false },
    ]);
  });

  it('keeps the object before and after as the preview showed them (a creation has no before)', () => {
    assert.deepEqual(objectState(command(), 'before'), { target: { kind: 'umIpGateway', id: HOSTILE[0] }, properties: { OutcallsAllowed: 'true' } });
    assert.deepEqual(objectState(command(), 'after'), { target: { kind: 'umIpGateway', id: HOSTILE[0] }, properties: { OutcallsAllowed: 'false' } });
    assert.equal(objectState(command({ target: null }), 'before'), null);
  });

  it('a plan made again: the same → no difference; a value changed meanwhile → its property named; other commands → "commands"', () => {
    assert.deepEqual(planDifferences(plan([command()]), plan([command()])), []);
    const changed = command({ changes: [{ property: 'OutcallsAllowed', before: 'false', after: 'false' }] });
    assert.deepEqual(planDifferences(plan([command()]), plan([changed])), ['OutcallsAllowed']);
    assert.deepEqual(planDifferences(plan([command()]), plan([command(), command()])), ['commands']);
    const otherParams = command({ parameters: [{ name: 'Identity', value: 'other' }] });
    assert.deepEqual(planDifferences(plan([command()]), plan([otherParams])), ['Set-UMIPGateway parameters']);
    assert.deepEqual(planDifferences(plan([command()]), { ...plan([]), kind: 'manual' }), ['commands']);
  });
});
