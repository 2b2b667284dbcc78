/**
 * Reads a password from the terminal without echo (`umc capture --user`). Only when stdin is a TTY:
 * the prompt goes to stderr, the typed characters go nowhere. Ctrl+C or Ctrl+D gives null.
 */
import type { ReadStream } from 'node:tty';

export function promptPassword(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<string | null> {
  const tty = input as NodeJS.ReadStream & Partial<Pick<ReadStream, 'setRawMode'>>;
  if (!input.isTTY || typeof tty.setRawMode !== 'function') return Promise.resolve(null);
  return new Promise((resolve) => {
    let typed = '';
    const wasRaw = input.isRaw === true;
    const finish = (value: string | null) => {
      input.removeListener('data', onData);
      tty.setRawMode!(wasRaw);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(typed);
        if (ch === '\u0003' || ch === '\u0004') return finish(null);
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    output.write(prompt);
    tty.setRawMode!(true);
    input.resume();
    input.on('data', onData);
  });
}
