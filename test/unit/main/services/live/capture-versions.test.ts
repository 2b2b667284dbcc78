/**
 * Captures of every version profile of the lab endpoint — Exchange 2010/2013/2016/2019, Lync Server
 * 2013, Skype for Business Server 2015/2019, each value at least once, plus the default — and with
 * cmdlets withheld as a role assignment would, through real PowerShell. Each capture succeeds, marks
 * exactly the expected sections `not-read` / `partial`, and `decode + evaluateRules` finds nothing the
 * profile caused: the findings (rule, variant, objects) are compared with the default profile's, and
 * every difference is the one the version explains, asserted exactly; the rules that need a section not
 * read are listed as not judged, never turned into findings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SectionReadStatus } from '../../../../../shared/snapshot/format';
import { notJudged } from '../../../../../shared/rules/engine';
import { analyseOrg } from '../../../../../main/services/org-service';
import { parseSnapshotText } from '../../../../../main/services/snapshot-loader';
import type { CaptureResult } from '../../../../../main/services/live/capture';
import { labProfile, liveService } from '../../../../support/live';
import { NO_PWSH, NO_SSHD, startSshLab } from '../../../../support/powershell';
import type { Diagnostic } from '../../../../../shared/diagnostics/diagnostic';
import { variantOf } from '../../../../support/diagnostics';

interface Profile {
  readonly name: string;
  readonly endpoint: string;
  /** Sections not read whole, with their status (every other section: read). */
  readonly sections: Readonly<Record<string, SectionReadStatus>>;
  /** Findings of the default profile absent here, and findings only here: `rule variant objects`. */
  readonly removed: readonly string[];
  readonly added: readonly string[];
  /** Rules not judged, with the sections they miss. */
  readonly notJudged: readonly string[];
  /** Sections read whole but empty because the version has nothing there. */
  readonly empty?: readonly string[];
}

// Get-CsCertificate has no -Server and answers for the Front End the session is on only
// (https://learn.microsoft.com/powershell/module/skype/get-cscertificate): partial on every profile of
// this multi-server topology, the same for all, so it changes no comparison.
const SKYPE_CERTS = { 'skype.certificates': 'partial' } as const;

/** The findings of the default profile that need the UM configuration an Exchange 2019 org cannot have. */
const UM_FINDINGS = [
  'R-C-06 autoAttendant exUmContact:CN={4f1b2c3d-1111-4a5b-9c8d-000000000004},OU=RTC Special Accounts,DC=litwareinc,DC=com',
  'R-C-11b default umDialPlan:Litware-SIP-Branch',
  'R-C-12 subscriberAccess umDialPlan:Litware-SIP-Branch',
  'R-D-01 default umDialPlan:Litware-Ext,skypePool:atl-cs-001.litwareinc.com',
  'R-D-02 default umDialPlan:Litware-SIP-Branch,skypePool:atl-cs-001.litwareinc.com,skypePool:atl-dir-001.litwareinc.com,csMediaConfiguration:Global',
  'R-D-03 default umDialPlan:Litware-SIP-Secured,skypePool:red-sba-01.litwareinc.com,csMediaConfiguration:Service:MediationServer:red-sba-01.litwareinc.com',
  'R-D-04 required umDialPlan:Litware-Ext,skypePool:atl-cs-001.litwareinc.com',
  'R-D-05 umService exchangeServer:DAL-EX-003,umDialPlan:Litware-SIP-Branch',
  'R-D-06 umService exchangeServer:DAL-EX-003,umDialPlan:Litware-SIP-Secured,umDialPlan:Litware-SIP-Branch',
  'R-D-07 umService exchangeServer:ATL-EX-002,umDialPlan:Litware-SIP-Secured,umDialPlan:Litware-SIP-Branch',
  'R-G-01 default skypePool:dal-cs-002.litwareinc.com',
  'R-G-02 missing umIpGateway:2:1,umDialPlan:Litware-SIP-Branch,skypePool:dal-cs-se01.litwareinc.com',
  'R-G-02 pilot umHuntGroup:2:1\\Litware-SIP,umIpGateway:2:1,umDialPlan:Litware-SIP-Secured',
  'R-G-03 default umDialPlan:Litware-SIP-Branch,umIpGateway:1:1,umIpGateway:1:2,umIpGateway:3:1',
  'R-G-03 default umDialPlan:Litware-SIP-Secured,umIpGateway:1:1,umIpGateway:2:1,umIpGateway:1:2,umIpGateway:3:1',
  'R-G-05 director umIpGateway:1:2,skypePool:atl-dir-001.litwareinc.com',
  'R-G-06 default umIpGateway:3:1,skypePool:red-sba-01.litwareinc.com',
  'R-G-07 default umIpGateway:SBC-EDGE,umDialPlan:Litware-SIP-Secured',
  'R-G-09 default umIpGateway:PBX-DAL',
  'R-X-01 selfSigned exchangeCertificate:atl-exchange-002.litwareinc.com\\58C7650ED9BBEAFD1A11846F8F5228D1E6522C12,exchangeServer:ATL-EX-002',
  'R-X-02 wildcard exchangeCertificate:dal-exchange-003.litwareinc.com\\4F95A31A19436FBFA001D6E85A9DC7960DFC9863,exchangeServer:DAL-EX-003',
  'R-X-03 default exchangeServer:ATL-EX-002',
];

const DP = 'exchange.dialPlans';
const GW = 'exchange.ipGateways';
const HG = 'exchange.huntGroups';
const AA = 'exchange.autoAttendants';

// Get-CsCertificate answers for the Front End the session is on only: "the same OAuth certificate on
// every Front End" (R-O-05) cannot be judged from one (RuleNeeds.whole in shared/rules/rule-needs.ts).
const ONE_FRONT_END = 'R-O-05 skype.certificates';

const PROFILES: readonly Profile[] = [
  { name: 'default (Exchange 2016 + one 2019 server, Skype for Business 2015)', endpoint: 'lab:', sections: SKYPE_CERTS, removed: [], added: [], notJudged: [ONE_FRONT_END] },
  {
    name: 'Exchange 2010, Lync Server 2013',
    endpoint: 'lab:?exchange=2010&skype=2013',
    // Get-PartnerApplication exists from Exchange 2013 (server-to-server OAuth came with it).
    sections: { ...SKYPE_CERTS, 'exchange.partnerApplications': 'not-read' },
    empty: ['exchange.callRouters'],
    removed: [
      // Exchange 2019 cannot be installed in an org with Exchange 2010: the 2019 server is not there.
      'R-D-09 default exchangeServer:ATL-EX-019',
      // Server-to-server OAuth between Exchange and Lync/Skype needs Exchange 2013 or later.
      'R-O-01 default exchangeServer:ATL-EX-002',
      'R-O-02 wrong oauthConfiguration:Global',
      // Exchange 2010 routes calls in its UM role: no UM Call Router, no UMCallRouter certificate to bind.
      'R-X-03 default exchangeServer:ATL-EX-002',
    ],
    added: [],
    notJudged: [ONE_FRONT_END, 'R-O-09 exchange.partnerApplications'],
  },
  { name: 'Exchange 2013, Skype for Business 2015', endpoint: 'lab:?exchange=2013&skype=2015', sections: SKYPE_CERTS, removed: [], added: [], notJudged: [ONE_FRONT_END] },
  {
    name: 'Exchange 2016, Skype for Business 2019',
    endpoint: 'lab:?exchange=2016&skype=2019',
    sections: SKYPE_CERTS,
    removed: [],
    // R-T-03: every pool now runs Skype for Business Server 2019, which has no Exchange UM (seed 000), and the
    // lab's UM IP gateways and contacts still point at them.
    added: [
      'R-T-03 default skypePool:atl-cs-001.litwareinc.com,umIpGateway:1:1,exUmContact:CN={4f1b2c3d-1111-4a5b-9c8d-000000000001},OU=RTC Special Accounts,DC=litwareinc,DC=com,exUmContact:CN={4f1b2c3d-1111-4a5b-9c8d-000000000002},OU=RTC Special Accounts,DC=litwareinc,DC=com,exUmContact:CN={4f1b2c3d-1111-4a5b-9c8d-000000000004},OU=RTC Special Accounts,DC=litwareinc,DC=com',
      'R-T-03 default skypePool:atl-dir-001.litwareinc.com,umIpGateway:1:2',
      'R-T-03 default skypePool:dal-cs-se01.litwareinc.com,umIpGateway:2:1',
      'R-T-03 default skypePool:red-sba-01.litwareinc.com,umIpGateway:3:1,exUmContact:CN={4f1b2c3d-1111-4a5b-9c8d-000000000003},OU=RTC Special Accounts,DC=litwareinc,DC=com',
    ],
    notJudged: [ONE_FRONT_END],
  },
  {
    name: 'Exchange 2019 (no UM), Skype for Business 2015',
    endpoint: 'lab:?exchange=2019&skype=2015',
    sections: { ...SKYPE_CERTS, [DP]: 'not-read', [GW]: 'not-read', [HG]: 'not-read', [AA]: 'not-read', 'exchange.mailboxPolicies': 'not-read', 'exchange.umMailboxes': 'not-read' },
    // No server has a UM service or a call router to ask: read, empty.
    empty: ['exchange.umServices', 'exchange.callRouters'],
    // Every UM finding needs the UM configuration, which Exchange 2019 does not have: not judged.
    removed: UM_FINDINGS,
    // R-D-09: the mailboxes are still UM-enabled, and their servers now run Exchange 2019, which has no UM.
    added: ['R-D-09 default exchangeServer:ATL-EX-001', 'R-D-09 default exchangeServer:ATL-EX-002', 'R-D-09 default exchangeServer:DAL-EX-003'],
    notJudged: [
      `R-D-01 ${DP},${HG},${GW}`,
      `R-D-02 ${DP},${HG},${GW}`,
      `R-D-03 ${DP},${HG},${GW}`,
      `R-D-04 ${DP},${HG},${GW}`,
      `R-D-05 ${DP}`,
      `R-D-06 ${DP}`,
      `R-D-07 ${DP}`,
      `R-D-10 ${DP}`,
      `R-G-01 ${GW}`,
      `R-G-02 ${DP},${HG},${GW}`,
      `R-G-03 ${DP},${HG},${GW}`,
      `R-G-04 ${DP},${HG},${GW}`,
      `R-G-05 ${GW}`,
      `R-G-06 ${GW}`,
      `R-G-07 ${DP},${HG},${GW}`,
      `R-G-08 ${GW}`,
      `R-G-09 ${GW}`,
      `R-X-01 ${DP}`,
      `R-X-02 ${DP}`,
      `R-X-03 ${DP}`,
      ONE_FRONT_END,
      `R-T-02 ${DP}`,
      `R-T-03 ${GW}`,
      `R-C-06 ${DP},${AA}`,
      `R-C-08 ${DP},${AA},exchange.umMailboxes`,
      `R-C-11 ${DP}`,
      `R-C-11b ${DP}`,
      `R-C-12 ${DP},${AA}`,
    ],
  },
  {
    name: 'default, with Get-UMService, Get-ExchangeCertificate, Get-CsCertificate and Get-UMMailbox withheld (RBAC)',
    endpoint: 'lab:?withhold=Get-UMService,Get-ExchangeCertificate,Get-CsCertificate,Get-UMMailbox',
    sections: { 'exchange.umServices': 'not-read', 'exchange.certificates': 'not-read', 'exchange.umMailboxes': 'not-read', 'skype.certificates': 'not-read' },
    removed: [
      // The UM services' dial plans and startup modes were not read.
      'R-D-05 umService exchangeServer:DAL-EX-003,umDialPlan:Litware-SIP-Branch',
      'R-D-06 umService exchangeServer:DAL-EX-003,umDialPlan:Litware-SIP-Secured,umDialPlan:Litware-SIP-Branch',
      'R-D-07 umService exchangeServer:ATL-EX-002,umDialPlan:Litware-SIP-Secured,umDialPlan:Litware-SIP-Branch',
      // No certificate was read.
      'R-X-01 selfSigned exchangeCertificate:atl-exchange-002.litwareinc.com\\58C7650ED9BBEAFD1A11846F8F5228D1E6522C12,exchangeServer:ATL-EX-002',
      'R-X-02 wildcard exchangeCertificate:dal-exchange-003.litwareinc.com\\4F95A31A19436FBFA001D6E85A9DC7960DFC9863,exchangeServer:DAL-EX-003',
      'R-X-03 default exchangeServer:ATL-EX-002',
    ],
    added: [],
    notJudged: [
      'R-D-05 exchange.umServices',
      'R-D-06 exchange.umServices',
      'R-D-07 exchange.umServices',
      'R-X-01 exchange.certificates,skype.certificates',
      'R-X-02 exchange.certificates',
      'R-X-03 exchange.certificates',
      'R-O-04 skype.certificates',
      'R-O-05 skype.certificates',
      'R-O-06 skype.certificates',
      'R-O-07 skype.certificates',
      'R-T-02 exchange.umServices',
      'R-C-08 exchange.umMailboxes',
    ],
  },
];

interface Outcome {
  readonly capture: CaptureResult;
  readonly findings: string[];
  readonly notJudged: string[];
  readonly ms: { open: number; capture: number };
}

const keyed = (fs: readonly Diagnostic[]) => fs.map((f) => `${f.rule} ${variantOf(f)} ${f.objects.map((o) => `${o.kind}:${o.id}`).join(',')}`).sort();

describe('captures of every version profile, and with cmdlets withheld (real pwsh, lab endpoint)', { skip: NO_PWSH }, () => {
  const outcomes = new Map<string, Outcome>();
  let live: ReturnType<typeof liveService>;

  before(async () => {
    live = liveService({});
    for (const p of PROFILES) {
      const t0 = performance.now();
      await live.service.connectAndWait(labProfile(p.endpoint, p.endpoint));
      const t1 = performance.now();
      const capture = await live.service.capture();
      const t2 = performance.now();
      const org = parseSnapshotText(JSON.stringify(capture.snapshot), 'capture', 'live', p.name);
      outcomes.set(p.endpoint, {
        capture,
        findings: keyed(analyseOrg(org).findings),
        notJudged: notJudged(org).map((n) => `${n.id} ${n.sections.join(',')}`),
        ms: { open: Math.round(t1 - t0), capture: Math.round(t2 - t1) },
      });
    }
  });
  after(async () => {
    await live?.service.dispose();
  });

  for (const p of PROFILES) {
    describe(p.name, () => {
      const got = () => outcomes.get(p.endpoint)!;

      it('succeeds, and marks exactly the expected sections not read or partial, each with its notes', (t) => {
        const { capture, ms } = got();
        t.diagnostic(`${p.endpoint}: sessions opened in ${ms.open} ms, captured in ${ms.capture} ms (${capture.calls} calls, ${capture.objects} objects)`);
        const statuses: Record<string, SectionReadStatus> = {};
        for (const side of ['exchange', 'skype'] as const) {
          for (const [name, section] of Object.entries(capture.snapshot[side])) {
            if (section.status && section.status !== 'read') {
              statuses[`${side}.${name}`] = section.status;
              assert.ok((section.notes ?? []).length > 0, `${side}.${name} says why`);
            }
            if (section.status === 'not-read') assert.deepEqual(section.objects, [], `${side}.${name} holds nothing`);
          }
        }
        assert.deepEqual(statuses, p.sections);
        for (const name of p.empty ?? []) {
          const [side, section] = name.split('.') as ['exchange', string];
          const s = (capture.snapshot[side] as unknown as Record<string, { objects: readonly unknown[]; status?: string }>)[section]!;
          assert.equal(s.status, undefined, `${name} read`);
          assert.deepEqual(s.objects, [], `${name}: nothing there on this version`);
        }
        // A cmdlet not available names itself and who would provide it (the command table).
        for (const n of capture.notes.filter((x) => x.reason === 'unavailable')) {
          assert.ok(n.cmdlet && n.providedBy, n.text);
          assert.ok(n.text.startsWith(`${n.cmdlet} is not available to this account/version (provided by `), n.text);
        }
      });

      it('decodes and checks: every difference from the default profile is the one the version explains', () => {
        const base = outcomes.get('lab:')!.findings;
        const mine = got().findings;
        assert.deepEqual(
          base.filter((f) => !mine.includes(f)),
          [...p.removed].sort(),
          'findings of the default profile not found here',
        );
        assert.deepEqual(
          mine.filter((f) => !base.includes(f)),
          [...p.added].sort(),
          'findings only here',
        );
        assert.deepEqual(got().notJudged, p.notJudged, 'rules not judged, with the sections they miss');
        // A rule not judged yields nothing: no finding of it at all.
        const silent = new Set(got().notJudged.map((n) => n.split(' ')[0]));
        assert.deepEqual(
          mine.filter((f) => silent.has(f.split(' ')[0]!)),
          [],
        );
      });
    });
  }

  it('after a live read, the Connections view lists the sections not read whole, in the user’s language', async () => {
    // The last profile (cmdlets withheld) is the one connected.
    assert.equal(live.service.activeProfile()?.exchange, PROFILES.at(-1)!.endpoint);
    await live.service.refresh();
    const view = await live.service.view('fr');
    assert.deepEqual(view.readNotes.map((n) => `${n.section} ${n.status}`).sort(), [
      'exchange.certificates not-read',
      'exchange.umMailboxes not-read',
      'exchange.umServices not-read',
      'skype.certificates not-read',
    ]);
    const um = view.readNotes.find((n) => n.section === 'exchange.umServices')!;
    assert.equal(um.notes[0]!.cmdlet, 'Get-UMService');
    assert.match(um.notes[0]!.text, /^Get-UMService n’est pas disponible pour ce compte ou cette version \(fournie par Exchange 2013, Exchange 2016\u00a0; rôles\u00a0: Organization Management/);
    await live.service.disconnect();
    assert.deepEqual((await live.service.view('en')).readNotes, [], 'nothing once disconnected');
  });

  it('every profile value was captured at least once', () => {
    const text = PROFILES.map((p) => p.endpoint).join(' ');
    for (const v of ['exchange=2010', 'exchange=2013', 'exchange=2016', 'exchange=2019', 'skype=2013', 'skype=2015', 'skype=2019', 'withhold=']) assert.ok(text.includes(v), v);
  });
});

describe('a version profile over PowerShell remoting via SSH (real pwsh, real sshd on loopback)', { skip: NO_SSHD }, () => {
  it('lab+ssh://…?exchange=2010&withhold=Get-UMDialPlan: the profile reaches the far side; the capture reads it', async () => {
    const ssh = await startSshLab();
    const live = liveService({ sshKeyFile: ssh.keyFile, knownHostsFile: ssh.knownHostsFile });
    try {
      const endpoint = `${ssh.endpoint}?exchange=2010&withhold=Get-UMDialPlan`;
      await live.service.connectAndWait(labProfile(endpoint, 'lab:'));
      const exchange = live.service.shells().exchange!;
      assert.equal(exchange.status().endpoint, endpoint);
      assert.equal(exchange.status().serverVersion, 'Version 14.3 (Build 123.4)');
      for (const c of ['Get-UMDialPlan', 'Get-UMService', 'Get-UMCallRouterSettings', 'Get-ClientAccessService', 'Get-PartnerApplication']) assert.ok(exchange.missingCommands().includes(c), c);
      const r = await live.service.capture();
      const ex = r.snapshot.exchange;
      assert.equal(ex.dialPlans.status, 'not-read');
      assert.equal(ex.dialPlans.notes![0]!.cmdlet, 'Get-UMDialPlan');
      assert.equal(ex.umServices.status, undefined);
      assert.equal(ex.umServices.command, 'Get-UMServer');
      assert.ok(ex.umServices.objects.length > 0);
      assert.equal((ex.umServices.objects[0] as Record<string, unknown>).PSComputerName, '127.0.0.1', 'objects crossed real remoting');
      assert.deepEqual(ex.callRouters.objects, []);
    } finally {
      await live.service.dispose();
      await ssh.stop();
    }
  });
});
