/**
 * The org service while an org is read in stages (main/services/org-service.ts): the partial org answers
 * `current()` until the whole one is in, the progress is published per section as `org.loadProgress` with a
 * generation that moves when main replaces the org by itself, and a failed read never leaves a partial org on
 * screen. Real orgs: the small healthy org of the org builder, its users left out for the partial one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EventName, EventPayload, EventSink } from '../../../../shared/contract/channels';
import type { OrgModel } from '../../../../shared/model/org';
import type { LoadProgress } from '../../../../shared/snapshot/load-progress';
import { createOrgService } from '../../../../main/services/org-service';
import type { LoadHooks } from '../../../../main/services/snapshot-loader';
import { buildOrg } from '../../../support/org-builder/org-spec';
import { healthySpec } from '../../../support/org-builder/small-org';

function recorder(): EventSink & { readonly last: () => LoadProgress; readonly all: LoadProgress[] } {
  const all: LoadProgress[] = [];
  return {
    publish<E extends EventName>(event: E, read: () => EventPayload<E>) {
      if (event === 'org.loadProgress') all.push(read() as LoadProgress);
    },
    last: () => all.at(-1)!,
    all,
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const full: OrgModel = buildOrg(healthySpec());
const partial: OrgModel = { ...full, users: [], mailboxes: [], readState: { 'skype.users': { status: 'not-read', notes: [{ text: 'Still reading' }] } } };

describe('the org service during a staged load', () => {
  test('the org builder gives users to leave out', () => assert.ok(full.users.length > 0));
  test('the partial org answers the reads waiting for it, the whole one replaces it; progress per section, the generation moving once', async () => {
    const events = recorder();
    const gate = deferred<OrgModel>();
    let hooks: LoadHooks | null = null;
    const service = createOrgService(
      (h) => {
        hooks = h;
        return gate.promise;
      },
      () => [],
      { events, initialLabel: 'big.umcsnap.json' },
    );
    assert.equal(events.last().phase, 'idle');
    const first = service.current();
    hooks!.onSection!('exchange.ipGateways', 1000, 'read');
    hooks!.onSection!('skype.users', 100_000, 'reading');
    assert.equal(events.last().phase, 'reading');
    assert.equal(events.last().label, 'big.umcsnap.json');
    assert.deepEqual(
      events.last().sections.filter((s) => s.state !== 'waiting'),
      [
        { key: 'exchange.ipGateways', cmdlet: 'Get-UMIPGateway', objects: 1000, state: 'read' },
        { key: 'skype.users', cmdlet: 'Get-CsUser', objects: 100_000, state: 'reading' },
      ],
    );
    hooks!.onPartial!(partial);
    const shown = await first;
    assert.equal(shown.org.users.length, 0);
    assert.equal((await service.current()).org.users.length, 0, 'the partial org, while the rest is read');
    assert.equal(events.last().phase, 'partial');
    // The reads were waiting for the org: they get the partial one, nothing to read again yet.
    assert.equal(events.last().generation, 0);
    gate.resolve(full);
    await new Promise((r) => setImmediate(r));
    assert.equal((await service.current()).org.users.length, full.users.length);
    assert.equal(events.last().phase, 'done');
    assert.equal(events.last().generation, 1, 'the whole org in place of the partial one: the screens read again');
  });

  test('a small file (nothing reported) publishes no run: the generation stays', async () => {
    const events = recorder();
    const service = createOrgService(
      async () => full,
      () => [],
      { events },
    );
    assert.equal((await service.current()).org.users.length, full.users.length);
    assert.deepEqual(
      events.all.map((p) => p.phase),
      ['idle'],
    );
  });

  test('a load that fails after its partial org leaves nothing cached: the next call reads again', async () => {
    const events = recorder();
    let attempt = 0;
    const service = createOrgService(
      async (h) => {
        attempt++;
        if (attempt === 1) {
          h.onSection?.('exchange.servers', 3, 'read');
          h.onPartial?.(partial);
          await new Promise((r) => setImmediate(r));
          throw new Error('piece did not parse');
        }
        return full;
      },
      () => [],
      { events },
    );
    assert.equal((await service.current()).org.users.length, 0);
    await new Promise((r) => setImmediate(r));
    assert.equal(events.last().phase, 'failed');
    assert.equal((await service.current()).org.users.length, full.users.length);
    assert.equal(attempt, 2);
  });

  test('a capture: the partial org shown meanwhile, the previous org back if the capture fails', async () => {
    const events = recorder();
    const service = createOrgService(
      async () => full,
      () => [],
      { events },
    );
    await service.current();
    const run = service.beginRead('capture', 'Contoso');
    run.section('skype.users', 40_000, 'reading');
    await run.partial(partial);
    assert.equal((await service.current()).org.users.length, 0);
    assert.equal(events.last().run, 'capture');
    assert.equal(events.last().generation, 1, 'the partial org replaces the one on screen');
    run.end('failed');
    assert.equal((await service.current()).org.users.length, full.users.length, 'the org shown before the capture');
    assert.equal(events.last().phase, 'failed');
    assert.equal(events.last().generation, 2, 'and back: the screens read again');

    const again = service.beginRead('capture', 'Contoso');
    again.section('exchange.servers', 3, 'read');
    await again.partial(partial);
    service.replace(full);
    again.end('done');
    assert.equal((await service.current()).org.users.length, full.users.length);
    assert.deepEqual(
      events.all.slice(-2).map((p) => [p.phase, p.generation]),
      [
        ['partial', 3],
        ['done', 4],
      ],
    );
  });
});
