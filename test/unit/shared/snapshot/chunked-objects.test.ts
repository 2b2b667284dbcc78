/**
 * A section handed to the decoder in pieces (shared/snapshot/chunked-objects.ts) decodes as the same
 * section given whole — objects, notes and their indexes — and each piece is asked for only once the
 * objects before it are decoded (so a reader can parse it then, and let the one before go).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { ChunkedObjects } from '../../../../shared/snapshot/chunked-objects';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { labRaw } from '../../../support/lab';

type Mutable = Record<string, any>;
const decode = (raw: unknown) => decodeSnapshot(raw, { readCertificate: readCertificateBase64 });

describe('a section in pieces', () => {
  const whole = labRaw() as Mutable;
  const users = whole.skype.users.objects as (Mutable | string)[];
  // A value the reader cannot read, and an object that is none, in later pieces: noted with their index in the section.
  users[4] = { ...(users[4] as Mutable), Enabled: 'maybe' };
  users.splice(6, 0, 'not an object');

  test('the same model as the array, notes included', () => {
    const inPieces = structuredClone(whole);
    const objects = structuredClone(users) as unknown[];
    inPieces.skype.users.objects = new ChunkedObjects(objects.length, function* () {
      for (let i = 0; i < objects.length; i += 3) yield objects.slice(i, i + 3);
    });
    const org = decode(inPieces);
    assert.deepEqual(org, decode(whole));
    const notes = org.readState?.['skype.users']?.notes.map((n) => n.text).join('\n') ?? '';
    assert.match(notes, /skype\.users\[4\]\.Enabled/);
    assert.match(notes, /skype\.users\[6\]/);
  });

  test('a piece is asked for after the objects before it are decoded', () => {
    const events: string[] = [];
    const watched = users.map((u, i) =>
      typeof u !== 'string'
        ? Object.defineProperty({ ...u }, 'SipAddress', {
            enumerable: true,
            get: () => {
              events.push(`read ${i}`);
              return u.SipAddress;
            },
          })
        : u,
    );
    const inPieces = structuredClone(whole);
    inPieces.skype.users.objects = new ChunkedObjects(watched.length, function* () {
      for (let i = 0; i < watched.length; i += 4) {
        events.push(`piece ${i}`);
        yield watched.slice(i, i + 4);
      }
    });
    decode(inPieces);
    assert.deepEqual(events.slice(0, 6), ['piece 0', 'read 0', 'read 1', 'read 2', 'read 3', 'piece 4']);
  });
});
