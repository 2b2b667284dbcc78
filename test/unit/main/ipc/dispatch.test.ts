import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createApi } from '../../../../shared/contract/api';
import { unpackGraph } from '../../../../shared/topology/graph-wire';
import { CHANNELS, CONTRACT, EVENT_NAMES, EVENTS } from '../../../../shared/contract/channels';
import type { UsersCheckProgress } from '../../../../shared/users/user-channels';
import { IpcError } from '../../../../shared/contract/channel';
import { createMainServices } from '../../../../main/compose';
import { originPolicy } from '../../../../main/ipc/sender-policy';
import { memorySettingsStore } from '../../../../main/services/ports';
import { ROOT } from '../../../support/paths';

const ORIGIN = 'app://umc';
const good = { url: 'app://umc/index.html', isMainFrame: true, trustedContents: true };
const services = createMainServices({ root: ROOT, allowedOrigins: [ORIGIN], settings: memorySettingsStore(), systemLocale: () => 'fr-FR' });
const api = createApi(services.transportFor(good));
after(() => services.dispose());

describe('sender validation (who sent it)', () => {
  const policy = originPolicy([ORIGIN, 'http://127.0.0.1:4173']);
  test('our window, main frame, our origin: accepted', () => {
    assert.equal(policy.check(good), null);
    assert.equal(policy.check({ ...good, url: 'http://127.0.0.1:4173/index.html' }), null);
  });
  test('refused: another origin, a look-alike prefix, a sub-frame, a window we did not create, garbage', () => {
    assert.match(policy.check({ ...good, url: 'https://evil.example/' }) ?? '', /origin https:\/\/evil\.example is not allowed/);
    assert.match(policy.check({ ...good, url: 'app://umc.evil/index.html' }) ?? '', /not allowed/);
    assert.match(policy.check({ ...good, url: 'http://127.0.0.1:41730/' }) ?? '', /not allowed/);
    assert.match(policy.check({ ...good, isMainFrame: false }) ?? '', /sub-frame/);
    assert.match(policy.check({ ...good, trustedContents: false }) ?? '', /not a window of this application/);
    assert.match(policy.check({ ...good, url: 'not a url' }) ?? '', /no valid URL/);
  });
  test('the dispatcher refuses before touching the payload or the handler', async () => {
    const r = await services.dispatcher.dispatch({ ...good, url: 'https://evil.example/' }, 'org.summary', undefined);
    assert.deepEqual(r, { ok: false, error: { code: 'forbidden', message: 'request refused: origin https://evil.example is not allowed' } });
  });
});

describe('payload validation (what it holds)', () => {
  test('unknown channels, including prototype names', async () => {
    for (const ch of ['contacts.delete', '__proto__', 'constructor', 42, null]) {
      const r = await services.dispatcher.dispatch(good, ch, undefined);
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.error.code, 'unknown-channel');
    }
  });
  test('schemas refuse extra keys, wrong types, oversize values', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['settings.update', { language: 'de' }, /settings\.update: language: /],
      ['settings.update', { language: 'fr', extra: 1 }, /settings\.update: payload: /],
      ['topology.graph', { expandedGroups: 'umIpGateway' }, /expandedGroups/],
      ['topology.graph', { expandedGroups: Array(101).fill('x') }, /expandedGroups/],
      ['topology.object', { ref: { kind: 'mailbox', id: 'x' } }, /ref\.kind/],
      ['topology.object', { ref: { kind: 'umDialPlan', id: '' } }, /ref\.id/],
      ['topology.search', { query: 'x'.repeat(201) }, /query/],
      ['org.summary', { sneaky: true }, /org\.summary: payload/],
      ['checks.list', { severities: ['fatal'] }, /severities/],
    ];
    for (const [ch, payload, message] of cases) {
      const r = await services.dispatcher.dispatch(good, ch, payload);
      assert.equal(r.ok, false, `${ch} ${JSON.stringify(payload).slice(0, 60)}`);
      if (!r.ok) {
        assert.equal(r.error.code, 'invalid-payload');
        assert.match(r.error.message, message);
      }
    }
  });
  test('a handler failure is a message in the console language, not a stack', async () => {
    const missing = () => api.topology.object({ ref: { kind: 'umDialPlan', id: 'No-Such-Plan' } });
    // The system locale is fr-FR and the setting "system": French.
    await assert.rejects(missing(), (e: unknown) => {
      assert.ok(e instanceof IpcError);
      assert.equal(e.code, 'failed');
      assert.equal(e.message, 'aucun objet Plan de numérotation UM nommé No-Such-Plan dans cette organisation');
      return true;
    });
    await api.settings.update({ language: 'en' });
    await assert.rejects(missing(), { message: 'no UM dial plan named No-Such-Plan in this org' });
    await api.settings.update({ language: 'system' });
  });
});

describe('the contract over the in-memory transport, against the real services', () => {
  test('every channel of the contract has a handler and a method on the API', () => {
    assert.deepEqual(CHANNELS.sort(), Object.keys(CONTRACT).sort());
    for (const ch of CHANNELS) {
      const [ns, m] = ch.split('.');
      assert.equal(typeof (api as unknown as Record<string, Record<string, unknown>>)[ns][m], 'function', ch);
    }
  });
  test('app.info and settings follow the system locale and persist the switch', async () => {
    assert.equal((await api.app.info()).systemLocale, 'fr-FR');
    assert.deepEqual(await api.settings.get(), { language: 'system' });
    assert.deepEqual(await api.settings.update({ language: 'en' }), { language: 'en' });
    assert.deepEqual(await api.settings.get(), { language: 'en' });
  });
  test('org.summary says where the data comes from', async () => {
    const s = await api.org.summary();
    assert.equal(s.source.kind, 'lab');
    assert.equal(s.source.label, 'litwareinc.com (lab)');
    assert.ok(s.counts.error > 0 && s.counts.warning > 0 && s.counts.info > 0);
  });
  test('topology.graph is laid out, badged, and the lab is small enough to draw whole', async () => {
    const g = unpackGraph(await api.topology.graph({ expandedGroups: [] }));
    assert.ok(g.nodes.length > 30);
    assert.ok(g.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y)));
    const gw12 = g.nodes.find((n) => n.id === 'umIpGateway:1:2');
    assert.equal(gw12?.severity, 'warning');
    const pool = g.nodes.find((n) => n.id === 'skypePool:dal-cs-002.litwareinc.com');
    assert.equal(pool?.severity, 'error');
    assert.ok(g.edges.some((e) => e.source === 'skypePool:atl-cs-001.litwareinc.com' && e.target === 'umIpGateway:1:1' && e.kind === 'pool-gateway'));
    // Skype columns left of Exchange columns.
    const x = (id: string) => g.nodes.find((n) => n.id === id)!.x;
    assert.ok(x('skypePool:atl-cs-001.litwareinc.com') < x('umIpGateway:1:1'));
    assert.ok(x('umIpGateway:1:1') < x('umDialPlan:Litware-SIP-Secured'));
  });
  test('topology.object gives properties, findings and linked objects', async () => {
    const d = await api.topology.object({ ref: { kind: 'umIpGateway', id: '1:2' } });
    assert.equal(d.title, '1:2');
    assert.ok(d.properties.some((p) => p.name === 'Address' && p.value === 'atl-dir-001.litwareinc.com'));
    assert.deepEqual([...new Set(d.findings.map((f) => f.rule))].sort(), ['R-G-03', 'R-G-05']);
    assert.ok(d.related.some((r) => r.ref.kind === 'skypePool' && r.ref.id === 'atl-dir-001.litwareinc.com'));
  });
  test('checks.list filters on the main side and labels every object', async () => {
    const all = await api.checks.list({});
    const errors = await api.checks.list({ severities: ['error'] });
    assert.ok(errors.findings.length > 0 && errors.findings.length < all.findings.length);
    assert.ok(errors.findings.every((f) => f.severity === 'error'));
    const certs = await api.checks.list({ areas: ['certificates'] });
    assert.deepEqual([...new Set(certs.findings.map((f) => f.rule))].sort(), ['R-X-01', 'R-X-02', 'R-X-03']);
    for (const f of all.findings) for (const o of f.objects) assert.ok(all.labels[`${o.kind}:${o.id}`], `label for ${o.kind}:${o.id}`);
    assert.ok(all.notEvaluated.some((n) => n.id === 'R-G-10' && n.needs === 'probe'));
  });
  test('topology.search finds objects and says which group holds them', async () => {
    const r = await api.topology.search({ query: 'atl-dir' });
    assert.ok(r.matches.some((m) => m.nodeId === 'skypePool:atl-dir-001.litwareinc.com'));
    assert.deepEqual((await api.topology.search({ query: '   ' })).matches, []);
  });
});

describe('events: what main pushes, over the in-memory transport', () => {
  const withEvents = createApi(services.transportFor(good), services.eventsFor(good));

  test('each event is declared once, apart from the channels', () => {
    assert.deepEqual(EVENT_NAMES.sort(), [
      'certificates.inspectProgress',
      'contacts.importProgress',
      'contacts.loadProgress',
      'fixes.progress',
      'gateways.progress',
      'org.loadProgress',
      'users.checkProgress',
    ]);
    for (const e of EVENT_NAMES) assert.ok(!(e in CONTRACT), `${e} is an event, not a request channel`);
    assert.deepEqual(Object.keys(EVENTS).sort(), EVENT_NAMES);
  });

  test('a listener gets the current state at once, then the run it follows, to its end', async () => {
    const seen: UsersCheckProgress[] = [];
    const stop = withEvents.on('users.checkProgress', (p) => seen.push(p));
    assert.equal(seen.length, 1, 'the current state, synchronously on subscribe');
    const ended = new Promise<UsersCheckProgress>((resolve) => {
      const stopEnd = withEvents.on('users.checkProgress', (p) => {
        if (p.finishedAt !== null && !p.running) {
          queueMicrotask(stopEnd);
          resolve(p);
        }
      });
    });
    await withEvents.users.check({});
    const last = await ended;
    assert.equal(last.done, last.total);
    assert.ok(last.summary.checked > 0);
    assert.ok(
      seen.some((p) => p.running),
      'the run was seen while it ran',
    );
    assert.deepEqual(seen.at(-1), last, 'the final state is delivered');
    stop();
  });

  test('two listeners share one stream: the second gets the latest payload at once', () => {
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = withEvents.on('gateways.progress', (p) => first.push(p));
    const stopSecond = withEvents.on('gateways.progress', (p) => second.push(p));
    assert.equal(first.length, 1);
    assert.deepEqual(second, first);
    stopFirst();
    stopSecond();
    stopSecond();
  });

  test('payloads are copies, as structured clone delivers them', () => {
    let a: unknown;
    let b: unknown;
    const stopA = createApi(services.transportFor(good), services.eventsFor(good)).on('gateways.progress', (p) => (a = p));
    const stopB = createApi(services.transportFor(good), services.eventsFor(good)).on('gateways.progress', (p) => (b = p));
    assert.deepEqual(a, b);
    assert.notEqual(a, b);
    stopA();
    stopB();
  });

  test('subscribing is refused like a request: the sender, the event name, a payload', () => {
    const listener = () => assert.fail('no payload for a refused subscription');
    const evil = services.dispatcher.subscribe({ ...good, url: 'https://evil.example/' }, 'users.checkProgress', undefined, listener);
    assert.deepEqual(evil, { ok: false, error: { code: 'forbidden', message: 'request refused: origin https://evil.example is not allowed' } });
    for (const name of ['gateways.probe', '__proto__', 'constructor', 7]) {
      const r = services.dispatcher.subscribe(good, name, undefined, listener);
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.error.code, 'unknown-channel');
    }
    const extra = services.dispatcher.subscribe(good, 'users.checkProgress', { since: 1 }, listener);
    assert.equal(extra.ok, false);
    if (!extra.ok) assert.equal(extra.error.code, 'invalid-payload');
    const refused = createApi(services.transportFor(good), services.eventsFor({ ...good, isMainFrame: false }));
    assert.throws(
      () => refused.on('users.checkProgress', listener),
      (e: unknown) => e instanceof IpcError && e.code === 'forbidden',
    );
  });

  test('a transport without events refuses to listen, loudly', () => {
    assert.throws(() => api.on('users.checkProgress', () => undefined), /carries no events/);
  });
});
