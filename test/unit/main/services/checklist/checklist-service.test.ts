/**
 * The checklist service (main/services/checklist/checklist-service.ts): the loaded org's checklist with
 * the real planner, the change plan saved where the save dialog says (HTML or CSV, written atomically),
 * nothing written when the dialog is cancelled; and through the contract (`checklist.view`,
 * `checklist.export`) from the composition root.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMainServices } from '../../../../../main/compose';
import { createChecklistService } from '../../../../../main/services/checklist/checklist-service';
import { createOrgService } from '../../../../../main/services/org-service';
import type { FileDialogs } from '../../../../../main/services/live/connections-service';
import { createApi } from '../../../../../shared/contract/api';
import { planUserFixes } from '../../../../../shared/fixes/fix-planner';
import { buildOrg, gateway } from '../../../../support/org-builder/org-spec';
import { healthySpec } from '../../../../support/org-builder/small-org';
import { buildUserIndex } from '../../../../../shared/users/user-index';
import { buildUserRuleContext, evaluateUser } from '../../../../../shared/users/user-rules';
import { analyseOrg } from '../../../../../main/services/org-service';
import { checklistOf } from '../../../../../main/services/checklist/checklist-service';
import { labOrg } from '../../../../support/lab';
import { ROOT } from '../../../../support/paths';

const clock = { now: () => new Date('2026-12-06T12:00:00Z') };

describe('checklist service', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'umc-checklist-svc-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function service(org = labOrg(), path: string | null = null) {
    const asked: string[] = [];
    const dialogs: FileDialogs = {
      chooseSavePath: async (name) => {
        asked.push(name);
        return path;
      },
      chooseOpenPath: async () => null,
    };
    return { svc: createChecklistService({ org: createOrgService(async () => org), dialogs, clock }), asked };
  }

  it('view: the lab org’s checklist, user actions planned per user (Set-CsUser: cmdlet)', async () => {
    const c = await service().svc.view('en');
    assert.equal(c.total, 18);
    assert.equal(c.done, 1);
    const ev = c.steps.find((s) => s.id === 'skype.enterprise-voice')!;
    assert.equal(ev.action?.kind, 'cmdlet');
    assert.ok(
      ev.action!.findings.every((k) => /^R-U-0[12]\|user:|^R-U-12\|user:/.test(k)),
      ev.action!.findings.join(' '),
    );
  });

  it('export HTML where the dialog says: the change plan, dated by the clock', async () => {
    const file = join(dir, 'plan.html');
    const { svc, asked } = service(labOrg(), file);
    assert.deepEqual(await svc.export('html', 'en'), { path: file });
    assert.deepEqual(asked, ['umc-change-plan.html']);
    const html = readFileSync(file, 'utf8');
    assert.match(html, /<h1>Change plan<\/h1>/);
    assert.match(html, /Generated 6 December 2026 at 12:00/);
    assert.match(html, /1 of 18 steps done/);
    assert.match(html, /<code>Set-UMIPGateway -Identity &#39;1:2&#39; -OutcallsAllowed:\$false/);
  });

  it('export CSV in French: `;`, the BOM, one row per step not done', async () => {
    const file = join(dir, 'plan.csv');
    const { svc, asked } = service(labOrg(), file);
    await svc.export('csv', 'fr');
    assert.deepEqual(asked, ['umc-change-plan.csv']);
    const csv = readFileSync(file, 'utf8');
    assert.ok(csv.startsWith('\uFEFFN°;Étape;'));
    assert.match(csv, /\r\n2;Installer des certificats d’une autorité de certification approuvée;en partie;/);
  });

  it('the dialog cancelled: nothing written, path null', async () => {
    const empty = mkdtempSync(join(dir, 'cancel-'));
    const { svc } = service(buildOrg(healthySpec()), null);
    assert.deepEqual(await svc.export('html', 'en'), { path: null });
    assert.deepEqual(readdirSync(empty), []);
  });

  it('a new org (replaced): the checklist judged again', async () => {
    const org = createOrgService(async () => buildOrg(healthySpec()));
    const svc = createChecklistService({ org, dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => null }, clock });
    assert.equal((await svc.view('en')).done, (await svc.view('en')).total);
    const s = healthySpec();
    gateway(s, '1:1').status = 'Disabled';
    org.replace(buildOrg(s));
    const c = await svc.view('en');
    assert.equal(c.steps.find((x) => x.id === 'um.gateways')?.status, 'partly');
  });

  it('through the contract: checklist.view and checklist.export from the composition root', async () => {
    const file = join(dir, 'contract.csv');
    const services = createMainServices({
      root: ROOT,
      allowedOrigins: ['app://umc'],
      org: buildOrg(healthySpec()),
      dialogs: { chooseSavePath: async () => file, chooseOpenPath: async () => null },
      auditPath: join(dir, 'audit.jsonl'),
    });
    try {
      const api = createApi(services.transportFor({ url: 'app://umc/index.html', isMainFrame: true, trustedContents: true }));
      const c = await api.checklist.view();
      assert.equal(c.done, c.total);
      assert.deepEqual(await api.checklist.export({ format: 'csv' }), { path: file });
      assert.equal(readFileSync(file, 'utf8').split('\r\n').filter(Boolean).length, 1);
    } finally {
      await services.dispose();
    }
  });

  it('a user finding planned with the halves the checklist joined: the same plan as the planner joining them itself (every lab user)', () => {
    const org = labOrg();
    const { plans } = checklistOf(analyseOrg(org));
    const ctx = buildUserRuleContext(org);
    let compared = 0;
    for (const u of buildUserIndex(org).users) {
      const reasons = evaluateUser({ skype: u.skype, mailbox: u.mailbox }, ctx);
      if (reasons.length === 0 || !u.sipAddress) continue;
      const alone = planUserFixes(org, u.sipAddress, reasons);
      assert.deepEqual(planUserFixes(org, u.sipAddress, reasons, { skype: u.skype, mailbox: u.mailbox }), alone, u.sipAddress);
      for (const p of alone) {
        if (!plans.has(p.finding)) continue;
        assert.deepEqual(plans.get(p.finding), p, p.finding);
        compared++;
      }
    }
    assert.ok(compared > 100, `${compared} plans compared`);
  });
});
