/**
 * The generated large org is an OrgSpec built like the small ones: as many servers, dial plans,
 * gateways and users as asked, every pool reached by a gateway, the same org for the same seed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { generateSnapshot } from '../../../support/org-builder/generate-org';

test('a generated org has the sizes asked for, and the same seed gives the same org', () => {
  const options = { exchangeServers: 4, dialPlans: 20, gateways: 30, users: 300 };
  const raw = generateSnapshot(options);
  const org = decodeSnapshot(JSON.parse(JSON.stringify(raw)), { readCertificate: readCertificateBase64 });
  assert.equal(org.exchange.servers.length, 4);
  assert.equal(org.exchange.dialPlans.length, 20);
  assert.equal(org.exchange.ipGateways.length, 30);
  assert.equal(org.users.length, 300);
  const poolsWithGateway = new Set(org.exchange.ipGateways.map((g) => g.address.toLowerCase()));
  for (const p of org.skype.pools) assert.ok(poolsWithGateway.has(p.fqdn.toLowerCase()), `${p.fqdn} has its gateway`);
  assert.deepEqual(generateSnapshot(options), raw);
  assert.notDeepEqual(generateSnapshot({ ...options, seed: 7 }).skype.users, raw.skype.users);
});
