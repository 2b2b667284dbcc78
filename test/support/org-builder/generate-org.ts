/**
 * Large orgs of the lab's shape for benchmarks and scale tests (e.g. 50 Exchange servers, 200 dial
 * plans, 1,000 gateways, 100,000 users), described as an `OrgSpec` and built like every other org
 * (org-spec.ts). Deterministic for a given seed (users, names; the certificates' keys and dates are
 * made at run time).
 *
 * A realistic org is mostly healthy, so the bench measures the common path (docs/generated-org.md):
 * - certificates are real, made by openssl for the org's own names (test/support/pki-fixtures.ts):
 *   one "Fabrikam Root CA" issues each Exchange server's UM certificate (CN and SAN its FQDN, as
 *   R-X-02 asks), the pools' Default certificate (the first pool's name) and the OAuthTokenIssuer (subject the SIP domain,
 *   R-O-07), so every chain ends at the same root (R-X-01);
 * - users follow `userMix` (user-mix.ts; default: 95 % working, the rest one fault each);
 * - the org-level faults the rules still find sit on the IP-PBX side (dial plans and gateways no
 *   Skype user's call path crosses): a few PBX gateways disabled (R-G-09), so no user fails for them.
 */
import type { RawSnapshot } from '../../../shared/snapshot/format';
import { pkiCa, pkiServer } from '../pki-fixtures';
import { buildRawSnapshot, type ExchangeServerSpec, type LabCert, type OrgSpec, type PoolSpec } from './org-spec';
import type { PsEdition } from './raw-objects';
import { DEFAULT_USER_MIX, type UserMix } from './user-mix';

export interface GenerateOptions {
  readonly exchangeServers: number;
  readonly dialPlans: number;
  readonly gateways: number;
  readonly users: number;
  readonly seed?: number;
  readonly edition?: PsEdition;
  /** Share of users carrying each fault (user-mix.ts); default DEFAULT_USER_MIX (95 % working). */
  readonly userMix?: Partial<UserMix>;
  /** Share of the IP-PBX gateways disabled (an org-level fault off every user's path); default 0.01. */
  readonly disabledPbxGatewayShare?: number;
}

const ROOT_CA = 'Fabrikam Root CA';

/** Real certificates for the generated names, one per name, issued by one root (cached per process). */
function mintedCertificates(names: readonly string[]): Map<string, LabCert> {
  pkiCa(ROOT_CA);
  const out = new Map<string, LabCert>();
  for (const n of names) {
    const c = pkiServer(n, ROOT_CA);
    out.set(c.facts.subject, { rawData: c.rawData, facts: c.facts });
  }
  return out;
}

const DOMAIN = 'fabrikam.example';
const ORG = 'Fabrikam';
const OU = 'OU=UM,DC=fabrikam,DC=example';
const SIP_DIGITS = 5;
const PBX_DIGITS = 4;

/** The spec of a generated org. */
export function generatedSpec(o: GenerateOptions): OrgSpec {
  const mix: UserMix = { ...DEFAULT_USER_MIX, ...o.userMix };
  const disabledPbxShare = o.disabledPbxGatewayShare ?? 0.01;

  // Skype: one pool gateway per pool, the rest of the gateways are IP-PBX / SBC peers.
  const poolCount = Math.max(1, Math.min(o.gateways, Math.round(o.gateways / 10)));
  const siteCount = Math.max(1, Math.round(poolCount / 10));
  const sipPlanCount = Math.max(1, Math.round(o.dialPlans / 10));
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  const sipPlans: string[] = [];
  const otherPlans: string[] = [];
  for (let i = 1; i <= o.dialPlans; i++) {
    const sip = i <= sipPlanCount;
    (sip ? sipPlans : otherPlans).push(sip ? `SIP-${pad(i, 3)}` : `PBX-${pad(i, 3)}`);
  }

  const servers: ExchangeServerSpec[] = [];
  for (let i = 1; i <= o.exchangeServers; i++) {
    const name = `EX-${pad(i, 3)}`;
    servers.push({
      name,
      fqdn: `${name.toLowerCase()}.${DOMAIN}`,
      site: `Site-${(i % siteCount) + 1}`,
      version: 'Version 15.1 (Build 2507.6)',
      roles: 'Mailbox, ClientAccess',
      um: true,
      umService: { startupMode: 'Dual', dialPlans: [...sipPlans] },
      callRouter: { startupMode: 'Dual', dialPlans: [...sipPlans] },
      autodiscoverInternalUri: `https://autodiscover.${DOMAIN}/Autodiscover/Autodiscover.xml`,
      certificates: [{ subject: `CN=${name.toLowerCase()}.${DOMAIN}`, services: 'UM, UMCallRouter' }],
    });
  }

  const sites = Array.from({ length: siteCount }, (_, i) => ({ name: `Site-${i + 1}`, siteId: i + 1, kind: 'CentralSite' as const }));
  const pools: PoolSpec[] = [];
  for (let i = 1; i <= poolCount; i++) {
    const fqdn = `pool-${pad(i, 3)}.${DOMAIN}`;
    pools.push({
      fqdn,
      site: `Site-${((i - 1) % siteCount) + 1}`,
      services: [`Registrar:${fqdn}`, `UserServer:${fqdn}`, `WebServer:${fqdn}`],
      computers: [`fe-${pad(i, 3)}-1.${DOMAIN}`, `fe-${pad(i, 3)}-2.${DOMAIN}`],
      registrarVersion: 6,
    });
  }

  // Pool gateways as ExchUcUtil makes them: one hunt group per SIP dial plan; outcalls on the first pool only.
  const poolGateways = pools.map((p, i) => ({
    name: `${(i % siteCount) + 1}:${i + 1}`,
    address: p.fqdn,
    port: 5060,
    status: 'Enabled' as const,
    outcalls: i === 0,
    mwi: true,
    huntGroups: sipPlans.map((dp) => ({ name: dp, dialPlan: dp, pilot: dp })),
  }));
  const pbxGateways = [];
  const pbxFor = new Map<string, string[]>();
  for (let i = 1; i <= o.gateways - poolCount; i++) {
    const name = `PBX-GW-${pad(i, 4)}`;
    const dp = otherPlans.length ? otherPlans[i % otherPlans.length] : sipPlans[0];
    pbxFor.set(dp, [...(pbxFor.get(dp) ?? []), name]);
    pbxGateways.push({
      name,
      address: `pbx-${i}.${DOMAIN}`,
      port: 5060,
      // One PBX gateway in 1/share is disabled, the first one included: R-G-09 on the PBX side only.
      status: disabledPbxShare > 0 && (i - 1) % Math.round(1 / disabledPbxShare) === 0 ? ('Disabled' as const) : ('Enabled' as const),
      outcalls: true,
      mwi: true,
      huntGroups: [{ name: `${name}-HG`, dialPlan: dp, pilot: String(1000 + i) }],
    });
  }

  const planOf = { country: '1', umServers: [], domain: DOMAIN };
  return {
    organization: ORG,
    netbios: 'FABRIKAM',
    domain: DOMAIN,
    exchange: {
      servers,
      dialPlans: [
        ...sipPlans.map((dp, i) => ({
          ...planOf,
          name: dp,
          uriType: 'SipName' as const,
          voipSecurity: 'Secured' as const,
          digits: SIP_DIGITS,
          ova: [`+1800555${pad(i, 4)}`],
          gateways: poolGateways.map((g) => g.name),
          autoAttendants: [`${dp} AA`],
          policies: [`${dp} Default Policy`],
        })),
        ...otherPlans.map((dp, i) => ({
          ...planOf,
          name: dp,
          uriType: i % 2 ? ('TelExtn' as const) : ('E164' as const),
          voipSecurity: 'Unsecured' as const,
          digits: PBX_DIGITS,
          ova: [],
          gateways: pbxFor.get(dp) ?? [],
          autoAttendants: [],
          policies: [`${dp} Default Policy`],
        })),
      ],
      gateways: [...poolGateways, ...pbxGateways],
      autoAttendants: sipPlans.map((dp, i) => ({ name: `${dp} AA`, dialPlan: dp, pilots: [`+1800666${pad(i, 4)}`], enabled: true })),
      mailboxPolicies: [...sipPlans, ...otherPlans].map((dp) => ({ name: `${dp} Default Policy`, dialPlan: dp })),
      partnerApplications: [{ name: 'LyncEnterprise-ApplicationAccount', metadataUrl: `https://${pools[0].fqdn}/metadata/json/1`, enabled: true }],
      permissions: ['RTCUniversalServerAdmins', 'RTCComponentUniversalServices'].flatMap((group) => [
        { object: ORG, user: `FABRIKAM\\${group}`, rights: 'ListChildren', inheritance: 'None' },
        ...['UM DialPlan Container', 'UM AutoAttendant Container'].map((object) => ({ object, user: `FABRIKAM\\${group}`, rights: 'ListChildren, ReadProperty', inheritance: 'All' })),
      ]),
    },
    skype: {
      sites,
      pools,
      mediaConfigurations: [{ identity: 'Global', encryption: 'RequireEncryption' }],
      dialPlans: [...sipPlans.map((dp) => ({ identity: `${dp}.${DOMAIN}`, simpleName: dp })), { identity: 'Global', simpleName: 'DefaultProfile' }],
      contacts: sipPlans.flatMap((dp, i) => [
        { cn: `{sa-${i}}`, ou: OU, displayName: `${dp} SA`, sip: `sip:${dp}.sa@${DOMAIN}`, number: `+1800555${pad(i, 4)}`, autoAttendant: false, pool: pools[0].fqdn, enabled: true, ev: true },
        { cn: `{aa-${i}}`, ou: OU, displayName: `${dp} AA`, sip: `sip:${dp}.aa@${DOMAIN}`, number: `+1800666${pad(i, 4)}`, autoAttendant: true, pool: pools[0].fqdn, enabled: true, ev: true },
      ]),
      certificates: pools.flatMap((p) =>
        p.computers.flatMap((computer) => [
          // One Default certificate for every pool (openssl takes ~40 ms a certificate; no rule reads
          // the pool certificate's names, only its root, R-X-01).
          { computer, use: 'Default', subject: `CN=${pools[0].fqdn}` },
          { computer, use: 'OAuthTokenIssuer', subject: `CN=${DOMAIN}`, printedOnly: true },
        ]),
      ),
      oauth: { autodiscoverUrl: `https://autodiscover.${DOMAIN}/autodiscover/autodiscover.svc`, realm: DOMAIN },
      partnerApplications: [{ identity: 'Exchange', metadataUrl: `https://autodiscover.${DOMAIN}/autodiscover/metadata/json/1`, trust: 'Full', enabled: true }],
    },
    users: [],
    mixedUsers: {
      plan: {
        pools: pools.map((p, i) => ({ fqdn: p.fqdn, weight: 1, dialPlan: sipPlans[i % sipPlans.length], mailboxServers: [servers[i % servers.length].name] })),
        domain: DOMAIN,
        policyOf: (d) => `${d} Default Policy`,
        sipDigits: SIP_DIGITS,
        nonSipPlan: otherPlans.length ? { name: otherPlans[0], digits: PBX_DIGITS } : null,
        mix,
      },
      count: o.users,
      seed: o.seed ?? 42,
    },
    extraCertificates: mintedCertificates([...servers.map((s) => s.fqdn), pools[0].fqdn, DOMAIN]),
    capture: {
      edition: o.edition ?? '7',
      runspaceId: '0b8f2c1e-6a33-4c55-8d0e-3f3d8a1c2b77',
      kind: 'lab',
      label: `generated ${o.exchangeServers} servers / ${o.gateways} gateways / ${o.users} users`,
    },
  };
}

export function generateSnapshot(o: GenerateOptions): RawSnapshot {
  return buildRawSnapshot(generatedSpec(o));
}
