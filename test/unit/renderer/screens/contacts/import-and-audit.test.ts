import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImportPreview, ImportProgress, ImportRowResult } from '../../../../../shared/contacts/contact-channels';
import { renderCommand } from '../../../../../shared/contacts/contact-commands';
import { MAX_CSV_BYTES } from '../../../../../shared/contacts/contact-model';
import { commandLine, objectText } from '../../../../../renderer/src/screens/contacts/audit-format';
import { actionColor, importPercent, isCsvTooLarge, outcomeColor, outcomeCounts, resultsByLine, rowsToApply } from '../../../../../renderer/src/screens/contacts/import-model';

const progress = (running: boolean, done: number, total: number, results: ImportRowResult[] = []): ImportProgress => ({ running, done, total, stopped: false, results });

describe('CSV import in the renderer', () => {
  it('refuses a file over the contract limit before reading it', () => {
    assert.equal(isCsvTooLarge(MAX_CSV_BYTES), false);
    assert.equal(isCsvTooLarge(MAX_CSV_BYTES + 1), true);
  });
  it('counts the rows that would run a cmdlet', () => {
    const p = { counts: { create: 3, update: 2, skip: 7, invalid: 1 } } as unknown as ImportPreview;
    assert.equal(rowsToApply(p), 5);
  });
  it('progress: percent done', () => {
    assert.equal(importPercent(null), 0);
    assert.equal(importPercent(progress(true, 1, 3)), 33);
    assert.equal(importPercent(progress(false, 0, 0)), 100);
    assert.equal(importPercent(progress(false, 5, 4)), 100);
  });
  it('results by line, and their counts', () => {
    const results: ImportRowResult[] = [
      { line: 2, outcome: 'applied', message: '' },
      { line: 3, outcome: 'refused', message: 'dup' },
      { line: 5, outcome: 'not-run', message: '' },
      { line: 6, outcome: 'applied', message: '' },
    ];
    assert.equal(resultsByLine(results).get(3)?.message, 'dup');
    assert.equal(resultsByLine(results).get(4), undefined);
    assert.deepEqual(outcomeCounts(results), { applied: 2, skipped: 0, refused: 1, failed: 0, unknown: 0, stale: 0, 'not-run': 1 });
  });
  it('colours: invalid and refused rows stand out, skipped ones do not', () => {
    assert.equal(actionColor('invalid'), 'error');
    assert.equal(actionColor('skip'), 'default');
    assert.equal(outcomeColor('applied'), 'success');
    assert.equal(outcomeColor('refused'), 'error');
    assert.equal(outcomeColor('unknown'), 'warning');
  });
});

describe('audit entries as shown', () => {
  it('the cmdlet line quotes strings (quotes doubled) and writes switches as -Name:$value', () => {
    const line = commandLine({
      cmdlet: 'Set-CsExUmContact',
      parameters: [
        { name: 'Identity', value: "CN={1},OU=O'Brien,DC=x" },
        { name: 'Enabled', value: false },
      ],
    });
    assert.equal(line, "Set-CsExUmContact -Identity 'CN={1},OU=O''Brien,DC=x' -Enabled:$false");
    assert.equal(commandLine({ cmdlet: 'Remove-CsExUmContact', parameters: [] }), 'Remove-CsExUmContact');
    // The same line the preview showed for that command.
    const cmd = {
      cmdlet: 'New-CsExUmContact' as const,
      parameters: [
        { name: 'Description', value: 'it\u2019s' },
        { name: 'AutoAttendant', value: true },
      ],
    };
    assert.equal(commandLine(cmd), renderCommand(cmd));
  });
  it('objects as indented JSON; nothing as a dash', () => {
    assert.equal(objectText(null), '—');
    assert.equal(objectText(undefined), '—');
    assert.equal(objectText({ a: 1 }), '{\n  "a": 1\n}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(objectText(cyclic), '[object Object]');
  });
});
