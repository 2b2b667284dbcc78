/**
 * Refresh on the Connections screen (main/services/live/connections-service.ts refresh()) reports its progress per
 * section as the capture reads (pages of the user sections as they arrive), shows the org without the user
 * sections as soon as every other section is in — those sections not-read, "still reading", no finding that needs
 * them — then the whole org. The lab endpoint through real PowerShell, pages made small so the 520 lab users
 * come in several.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventName, EventPayload, EventSink } from '../../../../../shared/contract/channels';
import { refKey } from '../../../../../shared/model/org';
import { notJudged } from '../../../../../shared/rules/engine';
import { type LoadProgress, STILL_READING_NOTE, USER_SECTIONS } from '../../../../../shared/snapshot/load-progress';
import { createProfileStore } from '../../../../../main/services/connection-profiles';
import { createConnectionsService, type ConnectionsService } from '../../../../../main/services/live/connections-service';
import { createOrgService, type LoadedOrg } from '../../../../../main/services/org-service';
import { systemClock, silentLogger } from '../../../../../main/ports';
import { memorySettingsStore } from '../../../../../main/services/ports';
import { createSecretStore, processMemoryCipher } from '../../../../../main/services/secret-store';
import { labProfile } from '../../../../support/live';
import { labOrg } from '../../../../support/lab';
import { labRuntime, NO_PWSH } from '../../../../support/powershell';

describe('refresh: progress per section and the partial org meanwhile', { skip: NO_PWSH }, () => {
  const seen: LoadProgress[] = [];
  let atPartial: Promise<LoadedOrg> | null = null;
  let service: ConnectionsService;
  let org: ReturnType<typeof createOrgService>;
  let loaded: LoadedOrg;

  before(async () => {
    const events: EventSink = {
      publish<E extends EventName>(event: E, read: () => EventPayload<E>) {
        if (event !== 'org.loadProgress') return;
        const p = read() as LoadProgress;
        seen.push(p);
        // What every screen gets the moment the partial org is published.
        if (p.phase === 'partial' && !atPartial) atPartial = org.current();
      },
    };
    org = createOrgService(
      async () => labOrg(),
      () => [],
      { events },
    );
    await org.current();
    const settings = memorySettingsStore();
    service = createConnectionsService({
      profiles: createProfileStore(settings),
      secrets: createSecretStore(settings, processMemoryCipher()),
      runtime: labRuntime({ pageSize: 100 }),
      org,
      dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
      clock: systemClock,
      logger: silentLogger,
    });
    await service.connectAndWait(labProfile());
    loaded = await service.refresh();
  });
  after(async () => {
    await service?.dispose();
  });

  it('every section ends read with its count; the users came page by page', () => {
    const last = seen.at(-1)!;
    assert.equal(last.run, 'capture');
    assert.equal(last.phase, 'done');
    assert.equal(last.label, 'Lab endpoint');
    assert.ok(
      last.sections.every((s) => s.state !== 'waiting' && s.state !== 'reading'),
      JSON.stringify(last.sections.filter((s) => s.state === 'waiting' || s.state === 'reading')),
    );
    assert.equal(last.sections.find((s) => s.key === 'skype.users')!.objects, loaded.org.users.length);
    assert.equal(last.sections.find((s) => s.key === 'exchange.ipGateways')!.objects, loaded.org.exchange.ipGateways.length);
    const userCounts = seen.flatMap((p) => p.sections.filter((s) => s.key === 'skype.users' && s.state === 'reading')).map((s) => s.objects);
    assert.ok(userCounts.length >= 2 && userCounts.some((n) => n > 0 && n < loaded.org.users.length), `pages of users: ${userCounts.join(', ')}`);
  });

  it('the partial org came first: everything but the users, the rules that need users not judged', async () => {
    assert.ok(atPartial, 'a partial org was published');
    const partial = await atPartial!;
    assert.equal(partial.org.users.length, 0);
    assert.equal(partial.org.source.kind, 'live');
    const pending = USER_SECTIONS.filter((k) => partial.org.readState?.[k]?.status === 'not-read');
    assert.ok(pending.length > 0);
    for (const k of pending) assert.ok(partial.org.readState![k]!.notes.some((n) => n.text === STILL_READING_NOTE));
    assert.deepEqual(partial.org.exchange.ipGateways, loaded.org.exchange.ipGateways);
    const whole = new Set(loaded.findings.map((d) => `${d.rule}|${d.objects.map(refKey).sort().join(',')}`));
    for (const d of partial.findings) assert.ok(whole.has(`${d.rule}|${d.objects.map(refKey).sort().join(',')}`), `${d.rule} only while the users are pending`);
    assert.ok(notJudged(partial.org).some((r) => r.id === 'R-G-01') || !pending.includes('skype.users'));
    const phases = seen.map((p) => `${p.phase}:${p.generation}`);
    assert.ok(phases.indexOf('partial:1') >= 0 && phases.indexOf('partial:1') < phases.indexOf('done:2'), phases.join(' '));
  });

  it('then the whole org replaced it', async () => {
    const now = await org.current();
    assert.equal(now.org.users.length, loaded.org.users.length);
    assert.ok(now.org.users.length > 500);
  });
});
