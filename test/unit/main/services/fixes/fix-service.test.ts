/**
 * The fix service over the user's lab copy, through real PowerShell and the lab endpoint: the preview
 * (commands, objects now, -WhatIf), the apply (audit before/after, the finding gone when the org is read
 * again), the stale refusal (nothing written), a refused step stopping the rest, a stop between two
 * steps, and the refusals — a helpdesk profile over the contract, a snapshot file, a session that lacks
 * the cmdlet. Every host started is closed (no-leak).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createMainServices, type MainServices } from '../../../../../main/compose';
import { createApi } from '../../../../../shared/contract/api';
import { memorySettingsStore } from '../../../../../main/services/ports';
import { labSnapshotPath } from '../../../../../main/services/snapshot-loader';
import type { PowerShellRuntime } from '../../../../../main/services/live/connections-service';
import type { FixPreview, FixProgress } from '../../../../../shared/fixes/fix-channels';
import { findingKey } from '../../../../../shared/fixes/fix-model';
import { expectNoLeak } from '../../../../support/no-leak';
import { ROOT } from '../../../../support/paths';
import { labRuntime, NO_PWSH } from '../../../../support/powershell';

const ORIGIN = 'app://umc';
const SENDER = { url: `${ORIGIN}/index.html`, isMainFrame: true, trustedContents: true };
const OAUTH = 'R-O-02|oauthconfiguration:global';
const LEAKS = { ignore: ['TTYWrap'], what: 'every PowerShell host and timer closed' };

interface Lab {
  readonly dir: string;
  readonly copy: string;
  readonly faults: string;
  readonly services: MainServices;
}

/** A fresh lab copy in a temporary directory, its audit log and a fault file the endpoint reads at every call. */
async function withLab(f: (lab: Lab) => Promise<void>, runtime: Partial<PowerShellRuntime> = {}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'umc-fixes-'));
  const faults = join(dir, 'faults.json');
  const services = createMainServices({
    root: ROOT,
    allowedOrigins: [ORIGIN],
    settings: memorySettingsStore(),
    userLabPath: join(dir, 'lab.json'),
    auditPath: join(dir, 'audit.jsonl'),
    powershell: labRuntime({ env: { UMC_LAB_FAULT_FILE: faults }, ...runtime }),
  });
  try {
    await expectNoLeak(async () => {
      try {
        await f({ dir, copy: join(dir, 'lab.json'), faults, services });
      } finally {
        await services.dispose();
      }
    }, LEAKS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** withLab whose `lab:` sessions serve the shipped org read-only (labCopy: null), as a server that refuses every write. */
const withReadOnlyLab = (f: (lab: Lab) => Promise<void>) => withLab(f, { labCopy: null });

const keysOf = async (s: MainServices, rules: readonly string[]) => (await s.org.current()).findings.filter((f) => rules.includes(f.rule)).map(findingKey);

async function applyAndWait(s: MainServices, p: FixPreview): Promise<FixProgress> {
  assert.ok(p.token, 'a writable preview has a token');
  await s.fixes.apply(p.token!, 'en');
  return s.fixes.settled();
}

describe('fix service on the lab copy (real PowerShell)', { skip: NO_PWSH }, () => {
  it('previews one finding: the exact command, the object as it is now, -WhatIf answered by the endpoint; applies it: audited before and after, gone when read again', async () => {
    await withLab(async ({ copy, services }) => {
      const p = await services.fixes.preview({ findings: [OAUTH] }, 'en');
      assert.equal(p.access.writable, true);
      assert.equal(p.access.target, 'lab');
      assert.equal(p.plans.length, 1);
      const plan = p.plans[0]!;
      assert.equal(plan.kind, 'cmdlet');
      assert.deepEqual(plan.commandText, ["Set-CsOAuthConfiguration -Identity 'Global' -ExchangeAutodiscoverUrl 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc'"]);
      assert.match(plan.message, /does not end in \/autodiscover\/autodiscover\.svc/);
      assert.deepEqual(
        p.objects.map((o) => [o.kind, o.id, o.properties]),
        [['oauthConfiguration', 'Global', { ExchangeAutodiscoverUrl: 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.xml' }]],
      );
      assert.equal(p.commandCount, 1);
      assert.deepEqual(
        p.whatIf.map((w) => [w.plan, w.command, w.ok]),
        [[0, 0, true]],
        'the endpoint checked the parameters without changing anything',
      );
      assert.match(readFileSync(copy, 'utf8'), /autodiscover\/autodiscover\.xml/, '-WhatIf wrote nothing');

      // The dialog follows the run over the contract's event (the hub delivers the last state).
      const seen: FixProgress[] = [];
      const unsubscribe = createApi(services.transportFor(SENDER), services.eventsFor(SENDER)).on('fixes.progress', (x) => seen.push(x));
      const done = await applyAndWait(services, p);
      for (let i = 0; i < 400 && seen.at(-1)?.phase !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
      unsubscribe();
      assert.deepEqual(seen.at(-1), done);
      assert.equal(done.phase, 'done');
      assert.equal(done.running, false);
      assert.equal(done.stopped, false);
      assert.deepEqual(
        done.steps.map((s) => s.outcome),
        ['applied'],
      );
      assert.deepEqual(done.verification, { gone: [OAUTH], remaining: [] });
      assert.deepEqual(await keysOf(services, ['R-O-02']), [], 'every screen sees the org as read again');
      const raw = JSON.parse(readFileSync(copy, 'utf8')) as { skype: { oauth: { objects: { ExchangeAutodiscoverUrl: string }[] } } };
      assert.equal(raw.skype.oauth.objects[0]!.ExchangeAutodiscoverUrl, 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc');

      const audit = await services.contacts.auditList();
      const e = audit.entries.find((x) => x.cmdlet === 'Set-CsOAuthConfiguration')!;
      assert.equal(e.outcome, 'applied');
      assert.equal(e.target, 'lab');
      assert.equal(e.id, done.steps[0]!.auditId);
      assert.deepEqual(e.parameters, [
        { name: 'Identity', value: 'Global' },
        { name: 'ExchangeAutodiscoverUrl', value: 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc' },
      ]);
      assert.deepEqual((e.before as { properties: unknown }).properties, { ExchangeAutodiscoverUrl: 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.xml' });
      assert.deepEqual((e.after as { properties: unknown }).properties, { ExchangeAutodiscoverUrl: 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc' });

      await assert.rejects(services.fixes.apply(p.token!, 'en'), /expired or was already applied/, 'one apply per preview');
    });
  });

  it('refuses a stale plan: the object changed after the preview — nothing written, the changed property named, audited stale', async () => {
    await withLab(async ({ copy, services }) => {
      const p = await services.fixes.preview({ rule: 'R-O-02' }, 'en');
      // Someone else changes the object meanwhile (to another wrong URL: the finding stays, the plan differs).
      const raw = JSON.parse(readFileSync(copy, 'utf8')) as { skype: { oauth: { objects: Record<string, unknown>[] } } };
      raw.skype.oauth.objects[0]!.ExchangeAutodiscoverUrl = 'https://mail.litwareinc.com/autodiscover/autodiscover.xml';
      writeFileSync(copy, JSON.stringify(raw, null, 2));

      const done = await applyAndWait(services, p);
      assert.equal(done.stopped, true);
      assert.deepEqual(
        done.steps.map((s) => s.outcome),
        ['stale'],
      );
      assert.match(done.steps[0]!.message, /changed since the preview \(ExchangeAutodiscoverUrl\)/);
      assert.match(done.message!, /^Nothing was written/);
      assert.equal(done.verification, null);
      const now = JSON.parse(readFileSync(copy, 'utf8')) as typeof raw;
      assert.equal(now.skype.oauth.objects[0]!.ExchangeAutodiscoverUrl, 'https://mail.litwareinc.com/autodiscover/autodiscover.xml', 'not overwritten');
      const e = (await services.contacts.auditList()).entries.find((x) => x.cmdlet === 'Set-CsOAuthConfiguration')!;
      assert.equal(e.outcome, 'stale');
      assert.match(e.message, /ExchangeAutodiscoverUrl/);
    });
  });

  it('a step the server refuses stops the rest: those before it applied, the rest not run, the message says which', async () => {
    await withLab(async ({ faults, services }) => {
      const keys = await keysOf(services, ['R-O-02', 'R-D-03', 'R-C-11b']);
      assert.equal(keys.length, 3, keys.join(' '));
      const p = await services.fixes.preview({ findings: keys }, 'en');
      const cmdlets = p.plans.map((x) => x.commands[0]!.cmdlet);
      const refused = cmdlets[1]!;
      writeFileSync(faults, JSON.stringify({ [refused]: { throw: 'The server says no (lab fault).' } }));
      const done = await applyAndWait(services, p);
      assert.deepEqual(
        done.steps.map((s) => s.outcome),
        ['applied', 'refused', 'not-run'],
      );
      assert.equal(done.stopped, true);
      assert.match(done.message!, new RegExp(`Step 2 \\(${refused}\\) was refused by the server: .*The server says no.*Applied before it: ${cmdlets[0]} .*Not run: ${cmdlets[2]} `));
      assert.deepEqual(done.verification!.gone, [p.plans[0]!.finding]);
      assert.deepEqual(
        done.verification!.remaining.map((r) => r.finding),
        [p.plans[1]!.finding, p.plans[2]!.finding],
      );
      const audit = (await services.contacts.auditList()).entries;
      assert.equal(audit.find((e) => e.cmdlet === refused)?.outcome, 'refused');
      assert.equal(
        audit.find((e) => e.cmdlet === cmdlets[2]),
        undefined,
        'a step not run is not in the log',
      );
    });
  });

  it('stops between two steps when asked: the step under way finishes, the rest are not run', async () => {
    await withLab(async ({ dir, faults, services }) => {
      const keys = await keysOf(services, ['R-O-02', 'R-D-03']);
      const p = await services.fixes.preview({ findings: keys }, 'en');
      const first = p.plans[0]!.commands[0]!.cmdlet;
      const signal = join(dir, 'signal');
      // The first write says it got there, then takes its time: the stop arrives while it runs.
      writeFileSync(faults, JSON.stringify({ [first]: { signal, delayMs: 1500 } }));
      await services.fixes.apply(p.token!, 'en');
      for (let i = 0; i < 1000 && !existsSync(signal); i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(existsSync(signal), 'the first write started');
      const asked = await services.fixes.stop();
      assert.equal(asked.running, true);
      const done = await services.fixes.settled();
      assert.deepEqual(
        done.steps.map((s) => s.outcome),
        ['applied', 'not-run'],
      );
      assert.equal(done.stopped, true);
      assert.match(done.message!, /^Stopped on request: 1 step applied, 1 not run/);
      assert.deepEqual(done.verification!.gone, [p.plans[0]!.finding]);
    });
  });

  it('a command whose answer never came (the host killed after the change reached the copy): unknown, settled applied when read again', async () => {
    await withLab(async ({ dir, faults, services }) => {
      const p = await services.fixes.preview({ findings: [OAUTH] }, 'en');
      const signal = join(dir, 'oauth.pid');
      writeFileSync(faults, JSON.stringify({ 'Set-CsOAuthConfiguration.afterWrite': { signal, delayMs: 600_000 } }));
      await services.fixes.apply(p.token!, 'en');
      for (let i = 0; i < 3000 && !(existsSync(signal) && readFileSync(signal, 'utf8').trim()); i++) await new Promise((r) => setTimeout(r, 20));
      const pid = Number(readFileSync(signal, 'utf8').trim());
      rmSync(faults);
      process.kill(pid, 'SIGKILL');
      const done = await services.fixes.settled();
      assert.deepEqual(
        done.steps.map((s) => s.outcome),
        ['unknown'],
      );
      assert.match(done.steps[0]!.message, /No answer came for Set-CsOAuthConfiguration .*it may have run\. Read again: the finding is gone — the change was applied\./);
      assert.deepEqual(done.verification, { gone: [OAUTH], remaining: [] });
      const e = (await services.contacts.auditList()).entries.find((x) => x.cmdlet === 'Set-CsOAuthConfiguration')!;
      assert.equal(e.outcome, 'unknown');
      assert.equal(e.settlement?.outcome, 'applied');
    });
  });

  it('"Reset lab org" drops the previews and the last run', async () => {
    await withLab(async ({ services }) => {
      const p = await services.fixes.preview({ rule: 'R-O-02' }, 'en');
      await applyAndWait(services, p);
      const again = await services.fixes.preview({ rule: 'R-D-03' }, 'en');
      await services.contacts.resetLab();
      assert.equal(services.fixes.state().phase, 'idle');
      await assert.rejects(services.fixes.apply(again.token!, 'en'), /expired or was already applied/);
      assert.equal((await keysOf(services, ['R-O-02'])).length, 1, 'the shipped org is back');
    });
  });

  it('a helpdesk profile: fixes.apply refused by the main process, the preview read-only, nothing written', async () => {
    await withLab(async ({ copy, services }) => {
      const t = services.transportFor(SENDER);
      await services.connections.save({ name: 'Helpdesk', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'helpdesk' });
      const profile = (await services.connections.view('en')).profiles[0]!;
      await services.connections.connectAndWait(profile);
      const applied = await t('fixes.apply', { token: '0'.repeat(32) });
      assert.equal(applied.ok, false);
      if (!applied.ok) {
        assert.equal(applied.error.code, 'forbidden');
        assert.match(applied.error.message, /Helpdesk is read-only \(helpdesk\)/);
      }
      const preview = await t('fixes.preview', { rule: 'R-O-02' });
      assert.ok(preview.ok);
      if (preview.ok) {
        const v = preview.value as FixPreview;
        assert.equal(v.token, null);
        assert.equal(v.access.writable, false);
        assert.equal(v.access.reason?.key, 'fixes.readonly.helpdesk');
        assert.equal(v.plans[0]!.commandText.length, 1, 'the commands are still shown');
      }
      assert.ok(!existsSync(copy), 'nothing written');
    });
  });

  it('a snapshot file is read-only: no token, and apply refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-fixes-snap-'));
    const snap = join(dir, 'org.umcsnap.json');
    copyFileSync(labSnapshotPath(ROOT), snap);
    const before = readFileSync(snap, 'utf8');
    const services = createMainServices({ root: ROOT, allowedOrigins: [ORIGIN], settings: memorySettingsStore(), snapshotPath: snap, auditPath: join(dir, 'a.jsonl'), powershell: labRuntime() });
    try {
      const p = await services.fixes.preview({ all: true }, 'en');
      assert.equal(p.token, null);
      assert.equal(p.access.writable, false);
      assert.equal(p.access.reason?.key, 'fixes.readonly.snapshot');
      assert.ok(p.commandCount > 0);
      assert.deepEqual(p.whatIf, [], 'nothing is sent to a server for a file');
      await assert.rejects(services.fixes.apply('0'.repeat(32), 'en'), /expired or was already applied/);
      assert.equal(readFileSync(snap, 'utf8'), before);
    } finally {
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a session that lacks the cmdlet: the fix is refused before anything is sent', async () => {
    await withLab(async ({ services }) => {
      // A role that does not grant Set-CsOAuthConfiguration: the lab endpoint withholds it from the session.
      await services.connections.save({ name: 'Limited', exchange: 'lab:', skype: 'lab:?withhold=Set-CsOAuthConfiguration', authentication: 'kerberos', role: 'admin' });
      const profile = (await services.connections.view('en')).profiles[0]!;
      await services.connections.connectAndWait(profile);
      await services.connections.refresh();
      assert.equal((await services.org.current()).org.source.kind, 'live');
      await assert.rejects(services.fixes.preview({ rule: 'R-O-02' }, 'en'), /session lacks the cmdlet Set-CsOAuthConfiguration/);
      assert.equal((await services.contacts.auditList()).entries.length, 0);
    });
  });

  it("a user's voice-mail reasons: planned for that user, applied on the Skype side, gone for that user when read again", async () => {
    await withLab(async ({ services }) => {
      const sip = 'sip:sarah.thomas1@litwareinc.com';
      const key = `R-U-02|user:${sip}`;
      const p = await services.fixes.preview({ user: sip }, 'en');
      const plan = p.plans.find((x) => x.finding === key);
      assert.ok(plan, p.plans.map((x) => x.finding).join(' '));
      assert.equal(plan.kind, 'cmdlet');
      assert.equal(plan.impact.users, 1, 'one user');
      assert.deepEqual(
        plan.commands.map((c) => [c.shell, c.cmdlet]),
        [['skype', 'Set-CsUser']],
      );
      const done = await applyAndWait(services, p);
      assert.ok(done.verification!.gone.includes(key), JSON.stringify(done));
      assert.equal((await services.contacts.auditList()).entries.find((e) => e.cmdlet === 'Set-CsUser')?.outcome, 'applied');
    });
  });

  it("the checklist's user steps: the keys of several users' reasons and an org finding's key in one preview, each planned for its own user, all gone when read again", async () => {
    await withLab(async ({ services }) => {
      const step = (await services.checklist.view('en')).steps.find((s) => s.id === 'skype.enterprise-voice');
      assert.ok(step?.action, 'the lab has users without Enterprise Voice');
      const userKeys = step.action.findings.filter((k) => /^R-U-\d+\|user:/.test(k));
      assert.ok(userKeys.length >= 2, step.action.findings.join(' '));
      const p = await services.fixes.preview({ findings: [...userKeys, OAUTH] }, 'en');
      assert.deepEqual(p.plans.map((x) => x.finding).sort(), [...userKeys, OAUTH].sort());
      for (const k of userKeys) {
        const plan = p.plans.find((x) => x.finding === k)!;
        assert.equal(plan.kind, 'cmdlet', k);
        assert.equal(plan.impact.users, 1);
        const sip = k.slice(k.indexOf('|user:') + '|user:'.length);
        assert.deepEqual(
          plan.commands.map((c) => [c.shell, String(c.parameters.find((x) => x.name === 'Identity')?.value).toLowerCase()]),
          [['skype', sip]],
          k,
        );
      }
      const done = await applyAndWait(services, p);
      assert.deepEqual([...done.verification!.gone].sort(), [...userKeys, OAUTH].sort(), JSON.stringify(done));
    });
  });

  it('a live org: read again through the active sessions before and after; the server refusing the write is audited refused, on the live target', async () => {
    await withReadOnlyLab(async ({ copy, services }) => {
      // The lab endpoint as a live server: its sessions are read-only (the shipped org is never written), so the write is refused.
      await services.connections.save({ name: 'Live lab', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'admin' });
      const profile = (await services.connections.view('en')).profiles[0]!;
      await services.connections.connectAndWait(profile);
      await services.connections.refresh();
      const p = await services.fixes.preview({ rule: 'R-O-02' }, 'en');
      assert.equal(p.access.target, 'live');
      assert.ok(p.token);
      const done = await applyAndWait(services, p);
      assert.deepEqual(
        done.steps.map((s) => s.outcome),
        ['refused'],
        JSON.stringify(done),
      );
      assert.match(done.steps[0]!.message, /read-only/);
      assert.deepEqual(
        done.verification!.remaining.map((r) => r.finding),
        [OAUTH],
        'read again through the sessions: still there',
      );
      assert.equal((await services.org.current()).org.source.kind, 'live');
      const e = (await services.contacts.auditList()).entries.find((x) => x.cmdlet === 'Set-CsOAuthConfiguration')!;
      assert.equal(e.outcome, 'refused');
      assert.equal(e.target, 'live');
      assert.equal(e.profile, 'Live lab');
      assert.ok(!existsSync(copy), 'the lab copy is not the live target');
    });
  });

  it('bad requests: an unknown finding, an unknown user', async () => {
    await withLab(async ({ services }) => {
      await assert.rejects(services.fixes.preview({ findings: ['R-G-09|umipgateway:nope'] }, 'en'), /No finding of the org as loaded matches R-G-09\|umipgateway:nope/);
      await assert.rejects(services.fixes.preview({ user: 'sip:nobody@nowhere.test' }, 'en'), /No user sip:nobody@nowhere\.test/);
    });
  });
});
