/**
 * The password prompt (umc capture --user, umc cert inspect of a PFX): its terminal branch driven
 * through an injected input stream that says it is a TTY — raw mode on while typing and restored
 * after, nothing typed echoed, backspace, Enter, Ctrl+C / Ctrl+D — and its refusal of a stream that is
 * not a terminal (the non-terminal CLI path is tested in a child process: cert-inspect.test.ts).
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { promptPassword } from '../../../../main/cli/password-prompt';

function fakeTerminal() {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; isRaw: boolean; setRawMode: (raw: boolean) => void };
  const rawModes: boolean[] = [];
  input.isTTY = true;
  input.isRaw = false;
  input.setRawMode = (raw: boolean) => {
    rawModes.push(raw);
    input.isRaw = raw;
  };
  let written = '';
  const output = new PassThrough();
  output.on('data', (d: Buffer) => (written += d.toString('utf8')));
  return { input: input as unknown as NodeJS.ReadStream, rawModes, output, written: () => written };
}

describe('promptPassword', () => {
  test('a terminal: the prompt, raw mode while typing, nothing echoed, backspace honoured, raw mode restored', async () => {
    const t = fakeTerminal();
    const answer = promptPassword('Password for a.pfx: ', t.input, t.output);
    t.input.write('secx\u007f');
    t.input.write('ret 42\r');
    assert.equal(await answer, 'secret 42');
    assert.deepEqual(t.rawModes, [true, false]);
    await new Promise((r) => setImmediate(r));
    assert.equal(t.written(), 'Password for a.pfx: \n');
  });
  test('Ctrl+C or Ctrl+D: null, raw mode restored', async () => {
    for (const key of ['\u0003', '\u0004']) {
      const t = fakeTerminal();
      const answer = promptPassword('Password: ', t.input, t.output);
      t.input.write(`abc${key}`);
      assert.equal(await answer, null);
      assert.deepEqual(t.rawModes, [true, false]);
    }
  });
  test('not a terminal: null at once, nothing written, nothing read', async () => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    const output = new PassThrough();
    let written = '';
    output.on('data', (d: Buffer) => (written += d));
    assert.equal(await promptPassword('Password: ', input, output), null);
    assert.equal(written, '');
  });
});
