/**
 * A credential parameter on the wire (main/powershell/host-protocol.ts, docs/voicemail-tests.md): typed `c`, the
 * account and the password each base64 on their own like every string — data, never script text; the host builds the
 * PSCredential from them through .NET (assets/powershell/umc-host.ps1). The synthetic-test service test runs it
 * through the real host and the lab endpoint.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wireParameters } from '../../../../main/powershell/host-protocol';

test('a credential travels as { t: "c", v: { u, p } }, both base64 UTF-8', () => {
  const password = 'p\'a$(Get-Date)"ß';
  const [w] = wireParameters({ SenderCredential: { credential: { userName: 'litwareinc\\théo', password } } });
  assert.deepEqual(w, { n: 'SenderCredential', t: 'c', v: { u: Buffer.from('litwareinc\\théo').toString('base64'), p: Buffer.from(password).toString('base64') } });
  assert.ok(!JSON.stringify(w).includes(password));
});
