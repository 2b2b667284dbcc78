/**
 * A capture through real PowerShell from the lab endpoint, decoded, equals the lab snapshot's org
 * model — with the user sections read in pages (small pages here, so the partition splitting really
 * runs on the lab's 535 users) — except, exactly, what remoting cannot deliver: an Exchange
 * certificate's services (only its UM / UMCallRouter binding, from UMCertificateThumbprint, is known),
 * and the certificates of the Skype servers the session is not on (Get-CsCertificate has no -Server).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { OrgModel } from '../../../../../shared/model/org';
import { dnsNamesOf } from '../../../../../shared/certificates/cert-model';
import { decodeSnapshotObject, parseSnapshotText } from '../../../../../main/services/snapshot-loader';
import type { CaptureResult } from '../../../../../main/services/live/capture';
import { labProfile, liveService } from '../../../../support/live';
import { LAB_PATH, labOrg } from '../../../../support/lab';
import { NO_PWSH } from '../../../../support/powershell';

/** The org without its source (when and how it was read), collections in a stable order. */
function canonical(org: OrgModel): unknown {
  const sortDeep = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortDeep).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, x]) => [k, sortDeep(x)]),
      );
    return v;
  };
  const { source: _source, ...rest } = org;
  return sortDeep(rest);
}

describe('capture from the lab endpoint through real PowerShell', { skip: NO_PWSH }, () => {
  let live: ReturnType<typeof liveService>;
  let result: CaptureResult;

  before(async () => {
    live = liveService({ pageSize: 60 });
    await live.service.connectAndWait(labProfile());
    result = await live.service.capture();
  });
  after(async () => {
    await live?.service.dispose();
  });

  it('decodes to the lab org model, but for what remoting cannot deliver', () => {
    const captured = parseSnapshotText(JSON.stringify(result.snapshot), 'capture', 'live', 'Lab endpoint');
    const lab = labOrg();
    assert.equal(captured.source.kind, 'live');
    assert.equal(captured.source.label, 'Lab endpoint');

    // Exchange certificates: the same certificates on the same servers; of their services only the UM
    // binding is known (UMCertificateThumbprint of the UM service and call router), the rest unknown.
    const certKey = (c: { server: string; facts: { thumbprint: string } | null }) => `${c.server.toLowerCase()}\\${c.facts?.thumbprint}`;
    assert.deepEqual(captured.exchange.certificates.map(certKey).sort(), lab.exchange.certificates.map(certKey).sort());
    for (const c of captured.exchange.certificates) {
      const twin = lab.exchange.certificates.find((l) => certKey(l) === certKey(c))!;
      assert.equal(c.servicesKnown, false, certKey(c));
      assert.equal(c.umBindingKnown, true, certKey(c));
      assert.deepEqual([...c.services].sort(), twin.services.filter((x) => x === 'UM' || x === 'UMCallRouter').sort(), certKey(c));
      assert.equal(c.rawData, twin.rawData);
    }
    // Skype certificates: the Front End the session is on, with what Get-CsCertificate prints (it carries
    // no RawData: test/fixtures/samples/get-cscertificate-fl-1.txt), so the facts only the bytes give —
    // key, EKU — are unknown.
    const here = (c: { server: string }) => c.server === 'atl-fe-01.litwareinc.com';
    const printed = (c: OrgModel['skype']['certificates'][number]) => ({
      server: c.server,
      pool: c.pool,
      use: c.use,
      thumbprint: c.facts?.thumbprint,
      subject: c.facts?.subject,
      issuer: c.facts?.issuer,
      serialNumber: c.facts?.serialNumber,
      notBefore: c.facts?.notBefore,
      notAfter: c.facts?.notAfter,
      dnsNames: c.facts && dnsNamesOf(c.facts),
    });
    assert.deepEqual(captured.skype.certificates.map(printed), lab.skype.certificates.filter(here).map(printed));
    assert.ok(lab.skype.certificates.some((c) => !here(c)));
    // The UM services and call routers now carry the thumbprint of their certificate.
    for (const s of captured.exchange.servers.filter((x) => x.umService)) assert.match(s.umService!.certificateThumbprint ?? '', /^[0-9A-F]{40}$/, s.name);

    const without = (o: OrgModel) => ({
      ...o,
      readState: undefined,
      exchange: {
        ...o.exchange,
        certificates: [],
        servers: o.exchange.servers.map((x) => ({
          ...x,
          umService: x.umService && { ...x.umService, certificateThumbprint: undefined },
          callRouter: x.callRouter && { ...x.callRouter, certificateThumbprint: undefined },
        })),
      },
      skype: { ...o.skype, certificates: [] },
    });
    assert.deepEqual(canonical(without(captured)), canonical(without(lab)));
    assert.deepEqual(Object.fromEntries(Object.entries(captured.readState ?? {}).map(([k, v]) => [k, v.status])), { 'exchange.certificates': 'read', 'skype.certificates': 'partial' });
  });

  it('decoded as it is, the capture gives the same org as its JSON text: no round trip needed (the console decodes it so)', () => {
    const fromText = parseSnapshotText(JSON.stringify(result.snapshot), 'capture', 'live', 'Lab endpoint');
    const fromObject = decodeSnapshotObject(result.snapshot, 'capture', 'live', 'Lab endpoint');
    assert.deepEqual(fromObject, fromText);
    assert.ok(fromObject.users.length > 0 && fromObject.exchange.certificates.length > 0);
  });

  it('holds every object of every section of the lab file, and says what it could not read', () => {
    const lab = JSON.parse(readFileSync(LAB_PATH, 'utf8'));
    for (const side of ['exchange', 'skype'] as const) {
      for (const [name, section] of Object.entries(lab[side]) as [string, { objects: unknown[] }][]) {
        const expected =
          side === 'skype' && name === 'certificates' ? section.objects.filter((o) => (o as { PSComputerName: string }).PSComputerName === 'atl-fe-01.litwareinc.com').length : section.objects.length;
        assert.equal((result.snapshot[side] as unknown as Record<string, { objects: unknown[] }>)[name]!.objects.length, expected, `${side}.${name}`);
      }
    }
    assert.deepEqual(
      result.notes.map((n) => `${n.section} ${n.status}: ${n.text}`),
      [
        'skype.certificates partial: Get-CsCertificate answers for the server the session is on only (atl-fe-01.litwareinc.com): the certificates of the other Skype for Business servers were not read',
      ],
    );
    for (const c of result.snapshot.exchange.certificates.objects as Record<string, unknown>[]) {
      assert.deepEqual(
        Object.keys(c)
          .filter((k) => !['PSComputerName', 'RunspaceId', 'PSShowComputerName'].includes(k))
          .sort(),
        ['RawData', 'Thumbprint', 'UmcQueriedServer'],
      );
      assert.match(String(c.UmcQueriedServer), /^[a-z]{3}-exchange-\d{3}\.litwareinc\.com$/);
    }
  });

  it('read the users in pages: no call returned more than a page', () => {
    // 535 users, 360 UM mailboxes, 535 mailboxes at 60 a page: many calls, each bounded.
    assert.ok(result.calls > 40, `${result.calls} calls`);
  });

  it('wrote the snapshot in the lab format, readable by the file loader', () => {
    assert.equal(result.snapshot.format, 'umc-snapshot');
    assert.equal(result.snapshot.source.kind, 'live');
    assert.match(result.snapshot.source.powerShellVersion, /^7\./);
  });
});
