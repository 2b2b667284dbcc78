/**
 * The Checks screen's list ranked by impact (docs/fixes.md): users without voice mail first, then the
 * numbers unreachable, then severity, the rules' own order breaking ties; every finding carries its
 * impact and whether the console can fix it with a cmdlet.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMainServices } from '../../../../main/compose';
import { createChecksService } from '../../../../main/services/checks-service';
import { memorySettingsStore } from '../../../../main/services/ports';
import { SEVERITY_RANK } from '../../../../shared/diagnostics/diagnostic';
import { findingKey } from '../../../../shared/fixes/fix-model';
import { findingImpacts } from '../../../../shared/fixes/impact';
import { ROOT } from '../../../support/paths';

describe('checks service: impact first', () => {
  it('ranks the lab org findings by users, numbers, severity; every finding has its impact and fix kind', async () => {
    const services = createMainServices({ root: ROOT, allowedOrigins: [], settings: memorySettingsStore() });
    try {
      const l = await services.org.current();
      const list = await createChecksService({ org: services.org }).list({});
      assert.equal(list.findings.length, l.findings.length);
      const expected = findingImpacts(l.org, l.findings);
      const keys = list.findings.map(findingKey);
      assert.deepEqual(Object.keys(list.impacts).sort(), [...keys].sort());
      for (const k of keys) {
        assert.deepEqual(list.impacts[k], expected.get(k) ?? { users: 0, numbers: 0, callsDropped: false });
        assert.ok(['cmdlet', 'manual'].includes(list.fixKinds[k]!), k);
      }
      for (let i = 1; i < list.findings.length; i++) {
        const a = list.findings[i - 1]!;
        const b = list.findings[i]!;
        const x = list.impacts[findingKey(a)]!;
        const y = list.impacts[findingKey(b)]!;
        const order = x.users - y.users || x.numbers - y.numbers || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
        assert.ok(order >= 0, `${a.rule} (${x.users} users) before ${b.rule} (${y.users} users)`);
        if (order === 0) assert.ok(l.findings.indexOf(a) < l.findings.indexOf(b), 'ties keep the rules’ order');
      }
      assert.ok(list.impacts[keys[0]!]!.users > 0, 'the lab has a finding that leaves users without voice mail: it comes first');
      const kind = (rule: string) => list.findings.filter((f) => f.rule === rule).map((f) => list.fixKinds[findingKey(f)]);
      assert.deepEqual(kind('R-G-09'), ['cmdlet']);
      assert.deepEqual([...new Set(kind('R-G-07'))], ['manual']);
      const errorsOnly = await createChecksService({ org: services.org }).list({ severities: ['error'] });
      assert.ok(errorsOnly.findings.every((f) => f.severity === 'error'));
      assert.deepEqual(
        errorsOnly.findings.map(findingKey),
        keys.filter((k) => list.findings.find((f) => findingKey(f) === k)!.severity === 'error'),
        'a filtered list keeps the ranking',
      );
    } finally {
      await services.dispose();
    }
  });
});
