/** The session's last warnings and errors: bounded, passed on to the inner logger, scrubbed of anything secret-like. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LogLevel } from '../../../../../main/ports';
import { createSessionErrors, REMOVED, scrubText } from '../../../../../main/services/bundle/session-errors';

const clock = { now: () => new Date('2026-12-07T01:00:00Z') };

describe('createSessionErrors', () => {
  test('keeps warnings and errors only, the last ones, and passes every record on', () => {
    const seen: LogLevel[] = [];
    const s = createSessionErrors({ log: (level) => void seen.push(level) }, clock, 3);
    s.logger.log('info', 'started');
    s.logger.log('debug', 'detail');
    for (let i = 0; i < 5; i++) s.logger.log(i % 2 ? 'warn' : 'error', `problem ${i}`, { n: i });
    assert.equal(seen.length, 7);
    assert.deepEqual(
      s.recent().map((r) => [r.level, r.message, r.fields.n]),
      [
        ['error', 'problem 2', 2],
        ['warn', 'problem 3', 3],
        ['error', 'problem 4', 4],
      ],
    );
    assert.equal(s.recent()[0]!.time, '2026-12-07T01:00:00.000Z');
  });

  test('never a secret: secret-named fields, bytes, long opaque runs, password= in a message', () => {
    const s = createSessionErrors({ log: () => undefined }, clock);
    const pfx = Buffer.from('x'.repeat(300)).toString('base64');
    s.logger.log('error', 'connect failed: password=Hunter2! for admin', {
      password: 'Hunter2!',
      apiToken: 'abc',
      pfxBytes: new Uint8Array([1, 2, 3]),
      detail: `blob ${pfx} end`,
      nested: { clientSecret: 'shh', host: 'ex01' },
      error: new Error('token: abcdef'),
      shell: 'exchange',
    });
    const [r] = s.recent();
    const text = JSON.stringify(r);
    for (const secret of ['Hunter2', 'abc"', 'shh', pfx.slice(0, 40), 'abcdef']) assert.ok(!text.includes(secret), secret);
    assert.equal(r!.fields.password, REMOVED);
    assert.equal(r!.fields.pfxBytes, REMOVED);
    assert.equal(r!.fields.shell, 'exchange');
    assert.match(String(r!.fields.nested), /"host":"ex01"/);
    assert.match(r!.message, /^connect failed: password=\[removed\] for admin$/);
  });

  test('a long text is cut', () => {
    assert.equal(scrubText('word '.repeat(200)).length, 501);
  });
});
