/**
 * The sectioned read of a large snapshot (main/services/snapshot-sections.ts) gives the model one
 * JSON.parse of the whole file gives — same objects, same notes, same indexes — and gives up (null:
 * the caller parses the whole text, whose message names the problem) on any file it cannot take.
 * Real files on disk, the generated org (test/support/org-builder), pieces made small so a test file
 * is cut in many.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { decodeSnapshotFileInSections, scanLargeArrays } from '../../../../main/services/snapshot-sections';
import type { OrgModel } from '../../../../shared/model/org';
import { ChunkedObjects } from '../../../../shared/snapshot/chunked-objects';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { generateSnapshot } from '../../../support/org-builder/generate-org';
import { expectNoLeak } from '../../../support/no-leak';

const dir = mkdtempSync(join(tmpdir(), 'umc-sections-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SMALL = { minBytes: 0, pieceBytes: 2_000, largeBytes: 4_000 };
const decode = (raw: unknown): OrgModel => decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
type Mutable = Record<string, any>;

describe('the generated org read in pieces', () => {
  const raw = generateSnapshot({ exchangeServers: 4, dialPlans: 6, gateways: 20, users: 600 }) as unknown as Mutable;
  // Values that look like JSON structure inside strings, escapes, a key named objects deeper down, text outside Latin-1.
  raw.skype.users.objects[3].DisplayName = 'Zoë "objects": [ {"a":1}, ] \\ \\" Łukasz 東京 ’';
  raw.skype.users.objects[250].DisplayName = 'end\\';
  raw.exchange.mailboxes.objects[7].CustomAttribute1 = { objects: [1, 2, { objects: '[' }] };

  for (const [label, text] of [
    ['compact', JSON.stringify(raw)],
    ['indented as ConvertTo-Json writes it', JSON.stringify(raw, null, 4).replace(/\n/g, '\r\n')],
  ] as const) {
    test(`${label}: the same model as one JSON.parse, the large sections read in pieces`, async () => {
      const file = write(`org-${label.length}.json`, text);
      const sections: string[] = [];
      const org = await expectNoLeak(
        () =>
          decodeSnapshotFileInSections(
            file,
            (r) => {
              const top = r as Mutable;
              for (const side of ['exchange', 'skype'])
                for (const [name, s] of Object.entries(top[side] as Mutable)) if ((s as Mutable).objects instanceof ChunkedObjects) sections.push(`${side}.${name}`);
              return decode(r);
            },
            SMALL,
          ),
        { ignore: ['TTYWrap'], what: 'the snapshot file closed' },
      );
      assert.ok(org, 'read in pieces');
      for (const key of ['exchange.mailboxes', 'exchange.umMailboxes', 'skype.users']) assert.ok(sections.includes(key), key);
      assert.deepEqual(org, decode(JSON.parse(text)));
      assert.equal(org.users[3]!.displayName, raw.skype.users.objects[3].DisplayName);
    });
  }

  test('a section of pieces counts its objects, and every piece ends between two objects', () => {
    const bytes = Buffer.from(JSON.stringify(raw));
    const arrays = scanLargeArrays(bytes, SMALL.pieceBytes, SMALL.largeBytes)!;
    const users = arrays.at(-1)!;
    assert.equal(users.count, 600);
    assert.ok(users.cuts.length > 10);
    const got: unknown[] = [];
    for (const [from, to] of [users.open, ...users.cuts].map((b, k, all) => [b, all[k + 1] ?? users.close])) {
      got.push(...(JSON.parse(`[${bytes.toString('utf8', from! + 1, to)}]`) as unknown[]));
    }
    assert.deepEqual(got, raw.skype.users.objects);
  });

  test('an object skipped in a later piece is noted with its index in the whole section', async () => {
    const broken = structuredClone(raw);
    broken.skype.users.objects[555].Enabled = 'maybe';
    const file = write('skipped.json', JSON.stringify(broken));
    const org = await decodeSnapshotFileInSections(file, decode, SMALL);
    assert.ok(org);
    assert.equal(org.users.length, 599);
    const notes = org.readState?.['skype.users']?.notes.map((n) => n.text).join('\n') ?? '';
    assert.match(notes, /skype\.users\[555\]\.Enabled/);
    assert.deepEqual(org, decode(JSON.parse(JSON.stringify(broken))));
  });
});

describe('files it does not take: null, so the whole parse names the problem', () => {
  const text = JSON.stringify(generateSnapshot({ exchangeServers: 2, dialPlans: 3, gateways: 6, users: 200 }));

  for (const [label, bad] of [
    ['truncated in the users', text.slice(0, Math.floor(text.length * 0.9))],
    ['a stray byte inside a user', text.replace('"EnterpriseVoiceEnabled":', '"EnterpriseVoiceEnabled":,')],
    ['a trailing comma in the users', `${text.slice(0, text.lastIndexOf('}]') + 1)},${text.slice(text.lastIndexOf('}]') + 1)}`],
    ['a byte-order mark', `\uFEFF${text}`],
    ['a second document after it', `${text} {}`],
  ] as const) {
    test(label, async () => {
      assert.throws(() => JSON.parse(bad), SyntaxError);
      assert.equal(await decodeSnapshotFileInSections(write(`bad-${label.length}.json`, bad), decode, SMALL), null);
    });
  }

  test('a section kept past the read says so instead of reading a closed file', async () => {
    let kept: ChunkedObjects | null = null;
    const org = await decodeSnapshotFileInSections(
      write('kept.json', text),
      (r) => {
        kept = (r as Mutable).skype.users.objects as ChunkedObjects;
        return decode(r);
      },
      SMALL,
    );
    assert.equal(org?.users.length, 200);
    assert.throws(() => kept!.toArray(), /read only while its file is decoded/);
  });

  test('a small file is left to the whole parse', async () => {
    assert.equal(await decodeSnapshotFileInSections(write('small.json', text), decode), null);
  });

  test('the root or a side of another shape: nothing is cut, the decoder judges it as before', async () => {
    const top = JSON.parse(text) as Mutable;
    top.skype = [top.skype];
    const file = write('array-side.json', JSON.stringify(top));
    const org = await decodeSnapshotFileInSections(file, decode, SMALL);
    assert.deepEqual(org, decode(JSON.parse(readFileSync(file, 'utf8'))));
    assert.equal(org?.readState?.['skype.users']?.status, 'not-read');
  });
});
