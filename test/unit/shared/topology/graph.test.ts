import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateSnapshot } from '../../../support/org-builder/generate-org';
import { evaluateRules } from '../../../../shared/rules/engine';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { buildOrgGraph, findingsByNode } from '../../../../shared/topology/build-graph';
import { collapseGraph, GROUP_LIMIT, groupNodeId } from '../../../../shared/topology/collapse';
import { describeObject } from '../../../../shared/topology/object-details';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { labOrg, labRaw } from '../../../support/lab';

describe('the integration graph of the lab', () => {
  const org = labOrg();
  const g = buildOrgGraph(org);
  const edge = (s: string, t: string) => g.edges.find((e) => e.source === s && e.target === t);
  test('carries the integration edges of the issue', () => {
    assert.equal(edge('skypePool:atl-cs-001.litwareinc.com', 'umIpGateway:1:1')?.kind, 'pool-gateway');
    assert.equal(edge('umIpGateway:1:1', 'umHuntGroup:1:1\\Litware-SIP-Secured')?.kind, 'gateway-huntgroup');
    assert.equal(edge('umHuntGroup:1:1\\Litware-SIP-Secured', 'umDialPlan:Litware-SIP-Secured')?.kind, 'huntgroup-dialplan');
    assert.equal(edge('umDialPlan:Litware-SIP-Secured', 'exchangeServer:ATL-EX-001')?.kind, 'dialplan-server');
    assert.equal(edge('csDialPlan:Litware-SIP-Secured.litwareinc.com', 'umDialPlan:Litware-SIP-Secured')?.kind, 'locationprofile-dialplan');
    assert.equal(edge('csDialPlan:Litware-SIP-Branch', 'umDialPlan:Litware-SIP-Branch'), undefined, 'a profile not named as the PhoneContext is not linked');
    assert.equal(edge('exUmContact:CN={4f1b2c3d-1111-4a5b-9c8d-000000000002},OU=RTC Special Accounts,DC=litwareinc,DC=com', 'umAutoAttendant:Litware Main AA')?.kind, 'contact-target');
    assert.equal(edge('exUmContact:CN={4f1b2c3d-1111-4a5b-9c8d-000000000001},OU=RTC Special Accounts,DC=litwareinc,DC=com', 'umDialPlan:Litware-SIP-Secured')?.kind, 'contact-target');
    assert.ok(!g.edges.some((e) => e.source.includes('Paris') && e.kind === 'contact-target'), 'the orphan contact serves nothing');
  });
  test('no dangling edges; Skype side left of the Exchange side', () => {
    const ids = new Set(g.nodes.map((n) => n.id));
    for (const e of g.edges) assert.ok(ids.has(e.source) && ids.has(e.target), `${e.source} → ${e.target}`);
    for (const n of g.nodes) if (n.kind === 'skypeSite' || n.kind === 'skypePool') assert.equal(n.side, 'skype');
  });
  test('badges: certificate findings land on their server or pool', () => {
    const byNode = findingsByNode(org, evaluateRules(org));
    assert.ok(byNode.get('exchangeServer:DAL-EX-003')?.some((f) => f.rule === 'R-X-02'));
    assert.ok(byNode.get('skypePool:atl-cs-001.litwareinc.com')?.some((f) => f.rule === 'R-O-06'));
    assert.equal(byNode.get('umDialPlan:Litware-E164'), undefined, 'the healthy E.164 dial plan has no badge');
  });
  test('object details use the cmdlet property names', () => {
    const d = describeObject(org, { kind: 'umDialPlan', id: 'Litware-SIP-Branch' })!;
    assert.deepEqual(d.properties.slice(0, 4), [
      { name: 'Name', value: 'Litware-SIP-Branch' },
      // An enum's value is marked: the panel glosses the ones the i18n tables translate (Status: Disabled).
      { name: 'URIType', value: 'SipName', enum: true },
      { name: 'VoIPSecurity', value: 'SIPSecured', enum: true },
      { name: 'PhoneContext', value: 'Litware-SIP-Branch.litwareinc.com' },
    ]);
    assert.equal(describeObject(org, { kind: 'umDialPlan', id: 'nope' }), null);
  });
  test('nothing is collapsed in the lab', () => {
    const c = collapseGraph(g, new Set(), new Map());
    assert.equal(c.groups.length, 0);
    assert.equal(c.nodes.length, g.nodes.length);
  });
});

describe('a 1,000-gateway org stays readable', () => {
  const raw = generateSnapshot({ exchangeServers: 50, dialPlans: 200, gateways: 1000, users: 500 });
  const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
  const g = buildOrgGraph(org);
  const byNode = findingsByNode(org, evaluateRules(org));
  test('large kinds collapse into group nodes; edges follow the groups', () => {
    const c = collapseGraph(g, new Set(), byNode);
    assert.ok(c.nodes.length <= 80, `${c.nodes.length} nodes drawn`);
    const gw = c.nodes.find((n) => n.id === groupNodeId('umIpGateway'))!;
    assert.equal(gw.group?.count, 1000);
    assert.ok(c.edges.some((e) => e.source === groupNodeId('skypePool') && e.target === groupNodeId('umIpGateway')));
    for (const grp of c.groups) assert.ok(grp.count > GROUP_LIMIT);
    const ids = new Set(c.nodes.map((n) => n.id));
    for (const e of c.edges) assert.ok(ids.has(e.source) && ids.has(e.target));
    assert.equal(new Set(c.edges.map((e) => e.id)).size, c.edges.length, 'edges deduplicated');
  });
  test('expanding one group draws its members only', () => {
    const c = collapseGraph(g, new Set(['skypePool']), byNode);
    assert.equal(c.nodes.filter((n) => n.kind === 'skypePool').length, 100);
    assert.ok(c.nodes.some((n) => n.id === groupNodeId('umIpGateway')));
    assert.ok(c.groups.find((x) => x.key === 'skypePool')?.expanded);
  });
  test('a group carries the worst severity of its members', () => {
    const c = collapseGraph(g, new Set(), byNode);
    // The generated org's faults are disabled IP-PBX gateways (R-G-09, warning; docs/generated-org.md).
    assert.equal(c.nodes.find((n) => n.id === groupNodeId('umIpGateway'))?.severity, 'warning');
    assert.equal(c.nodes.find((n) => n.id === groupNodeId('exchangeServer'))?.severity, null);
  });
});

describe('search results revealed inside a collapsed group', () => {
  const raw = generateSnapshot({ exchangeServers: 3, dialPlans: 10, gateways: 300, users: 50 });
  const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
  const g = buildOrgGraph(org);
  test('the revealed members are drawn on their own, the rest stays one smaller group', () => {
    const members = g.nodes.filter((n) => n.kind === 'umIpGateway');
    const hit = members[123].id;
    const c = collapseGraph(g, new Set(), new Map(), new Set([hit]));
    assert.ok(c.nodes.some((n) => n.id === hit));
    assert.equal(c.nodes.find((n) => n.id === groupNodeId('umIpGateway'))?.group?.count, members.length - 1);
    assert.equal(c.drawnAs.get(hit), hit);
    assert.equal(c.drawnAs.get(members[0].id), groupNodeId('umIpGateway'));
  });
  test('revealing every member leaves no empty group node', () => {
    const all = new Set(g.nodes.filter((n) => n.kind === 'skypePool').map((n) => n.id));
    const c = collapseGraph(g, new Set(), new Map(), all);
    assert.ok(!c.nodes.some((n) => n.id === groupNodeId('skypePool')));
  });
});

describe('object details of certificates read over remoting', () => {
  test('an Exchange certificate whose other services remoting dropped says so, never "None"', () => {
    const raw = labRaw();
    // What a capture holds: RawData, Thumbprint and the server asked; no Identity, no Services.
    // The UM binding, where Exchange keeps it: UMCertificateThumbprint of the server's UM service.
    const um = raw.exchange.certificates.objects.find((c: { Services?: string }) => /\bUM\b/.test(String(c.Services)));
    const umFqdn = String(um.Identity).split('\\')[0].toLowerCase();
    const umServer = raw.exchange.servers.objects.find((x: { Fqdn: string }) => x.Fqdn.toLowerCase() === umFqdn).Name;
    for (const u of raw.exchange.umServices.objects) if (u.Identity === umServer) u.UMCertificateThumbprint = um.Thumbprint;
    for (const c of raw.exchange.certificates.objects) {
      c.UmcQueriedServer = String(c.Identity).split('\\')[0];
      delete c.Identity;
      delete c.Services;
    }
    const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
    const cert = org.exchange.certificates.find((c) => c.services.includes('UM'))!;
    assert.equal(cert.servicesKnown, false);
    const d = describeObject(org, { kind: 'exchangeCertificate', id: `${cert.server}\\${cert.facts!.thumbprint}` })!;
    const services = d.properties.find((p) => p.name.startsWith('Services'))!;
    assert.match(services.name, /UMCertificateThumbprint/);
    assert.match(services.value, /UM/);
    const server = org.exchange.servers.find((s) => s.fqdn.toLowerCase() === cert.server.toLowerCase() || s.name === cert.server)!;
    const listed = describeObject(org, { kind: 'exchangeServer', id: server.name })!.properties.find((p) => p.name === 'Get-ExchangeCertificate')!;
    assert.match(listed.value, /\?\)/);
    assert.doesNotMatch(listed.value, /None/);
  });
});
