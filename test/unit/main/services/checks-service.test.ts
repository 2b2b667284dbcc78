/**
 * The Checks screen's list ranked by impact (docs/fixes.md): users without voice mail first, then the
 * numbers unreachable, then severity, the rules' own order breaking ties; every finding carries its
 * impact and whether the console can fix it with a cmdlet.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createMainServices } from '../../../../main/compose';
import { createChecksService } from '../../../../main/services/checks-service';
import { memorySettingsStore } from '../../../../main/services/ports';
import { SEVERITY_RANK } from '../../../../shared/diagnostics/diagnostic';
import { findingKey } from '../../../../shared/fixes/fix-model';
import { findingImpacts } from '../../../../shared/fixes/impact';
import { ROOT } from '../../../support/paths';
import { refKey } from '../../../../shared/model/org';
import { renderDiagnostic } from '../../../../shared/i18n/translate';
import { MAX_EVIDENCE_AGE_MS } from '../../../../shared/sip/monitor-findings';
import { topologyTargets } from '../../../../shared/sip/topology-targets';

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

describe('checks service: export (the Checks screen’s HTML report and CSV, as umc check --out)', () => {
  it('writes every finding where the save dialog says, in the language; dismissed: nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-checks-export-'));
    const services = createMainServices({ root: ROOT, allowedOrigins: [], settings: memorySettingsStore() });
    try {
      const l = await services.org.current();
      let answer: string | null = join(dir, 'chosen.csv');
      const asked: string[] = [];
      const checks = createChecksService({
        org: services.org,
        language: async () => 'fr',
        now: () => new Date('2026-12-01T10:00:00Z'),
        dialogs: {
          chooseSavePath: async (name) => {
            asked.push(name);
            return answer;
          },
        },
      });
      assert.deepEqual(await checks.export('csv'), { path: join(dir, 'chosen.csv'), findings: l.findings.length });
      const csv = readFileSync(join(dir, 'chosen.csv'), 'utf8');
      assert.ok(csv.startsWith('\uFEFFGravité;Règle;'));
      assert.equal(csv.match(/\r\n(?=Erreur|Avertissement|Info)/g)?.length, l.findings.length);
      answer = join(dir, 'chosen.html');
      await checks.export('html');
      assert.match(readFileSync(answer, 'utf8'), /Établi le 1 déc\. 2026/);
      assert.deepEqual(asked, ['umc-findings.csv', 'umc-findings.html']);
      answer = null;
      assert.deepEqual(await checks.export('html'), { path: null, findings: 0 });
    } finally {
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checks service: the gateway monitor’s findings', () => {
  const NOW = Date.UTC(2026, 11, 7, 2, 0, 0);
  const silentFor = (minutesAgo: number) => ({
    samples: [{ at: NOW - minutesAgo * 60_000, status: 'timeout' as const, rttMs: null, address: '192.0.2.10' }],
    firstAddresses: ['192.0.2.10'],
    firstSeenAt: NOW - minutesAgo * 60_000,
    lastAddresses: ['192.0.2.10'],
  });

  it('the export holds them too: the report says what the screen lists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-checks-export-monitor-'));
    const services = createMainServices({ root: ROOT, allowedOrigins: [], settings: memorySettingsStore() });
    try {
      const l = await services.org.current();
      const gw = topologyTargets(l.org).find((t) => t.ref.kind === 'umIpGateway')!;
      const checks = createChecksService({
        org: services.org,
        now: () => new Date(NOW),
        monitorHistories: async () => new Map([[gw.raw, silentFor(12)]]),
        dialogs: { chooseSavePath: async () => join(dir, 'report.csv') },
      });
      assert.deepEqual(await checks.export('csv'), { path: join(dir, 'report.csv'), findings: l.findings.length + 1 });
      assert.match(readFileSync(join(dir, 'report.csv'), 'utf8'), /R-G-10/);
    } finally {
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fresh evidence: R-G-10 on the gateway that stopped answering, labelled, ranked by severity, no Fix…; R-G-10 no longer "needs a probe"', async () => {
    const services = createMainServices({ root: ROOT, allowedOrigins: [], settings: memorySettingsStore() });
    try {
      const l = await services.org.current();
      const gw = topologyTargets(l.org).find((t) => t.ref.kind === 'umIpGateway')!;
      const checks = createChecksService({ org: services.org, now: () => new Date(NOW), monitorHistories: async () => new Map([[gw.raw, silentFor(12)]]) });
      const list = await checks.list({});
      assert.equal(list.total, l.findings.length + 1);
      const f = list.findings.find((x) => x.rule === 'R-G-10')!;
      assert.ok(f, 'R-G-10 is a finding');
      assert.deepEqual(f.objects, [gw.ref]);
      assert.equal(list.labels[refKey(gw.ref)], gw.ref.id);
      assert.match(renderDiagnostic('en', f).message, /last probe 12 minutes ago/);
      assert.equal(list.fixKinds[findingKey(f)], undefined, 'no fix plan: no Fix… and no manual badge');
      assert.equal(
        list.notEvaluated.some((n) => n.id === 'R-G-10'),
        false,
      );
      // Among the findings without impact, the error comes before every warning and info.
      const i = list.findings.indexOf(f);
      const noImpact = (x: (typeof list.findings)[number]) => {
        const m = list.impacts[findingKey(x)]!;
        return m.users === 0 && m.numbers === 0 && !m.callsDropped;
      };
      assert.ok(list.findings.slice(0, i).every((x) => !noImpact(x) || x.severity === 'error'));
      // The severity filter applies to them too.
      assert.equal(
        (await checks.list({ severities: ['warning'] })).findings.some((x) => x.rule === 'R-G-10'),
        false,
      );
    } finally {
      await services.dispose();
    }
  });

  it('stale evidence, or none: no monitor finding and R-G-10 still "needs a probe"', async () => {
    const services = createMainServices({ root: ROOT, allowedOrigins: [], settings: memorySettingsStore() });
    try {
      const l = await services.org.current();
      const gw = topologyTargets(l.org).find((t) => t.ref.kind === 'umIpGateway')!;
      for (const histories of [new Map([[gw.raw, silentFor(MAX_EVIDENCE_AGE_MS / 60_000 + 1)]]), new Map()]) {
        const list = await createChecksService({ org: services.org, now: () => new Date(NOW), monitorHistories: async () => histories }).list({});
        assert.equal(list.total, l.findings.length);
        assert.equal(
          list.findings.some((x) => x.rule === 'R-G-10'),
          false,
        );
        assert.deepEqual(
          list.notEvaluated.find((n) => n.id === 'R-G-10'),
          { id: 'R-G-10', needs: 'probe' },
        );
      }
    } finally {
      await services.dispose();
    }
  });
});
