/**
 * Deterministic users for the lab org and the generator: Get-CsUser, Get-Mailbox and Get-UMMailbox
 * objects with varied Enterprise Voice and UM states.
 */
import { seededRandom } from '../seeded-random';
import { rawCsUser, rawMailbox, rawUmMailbox, type ShapeContext } from './raw-objects';

/** Given names and family names the generated users draw from (accents and an apostrophe included). */
export const FIRST = [
  'Adele',
  'Alex',
  'Bruno',
  'Camille',
  'Chloé',
  'Claire',
  'David',
  'Diego',
  'Emma',
  'Ethan',
  'Fatima',
  'François',
  'Grace',
  'Hugo',
  'Inès',
  'Isaac',
  'Jade',
  'Jonas',
  'Karim',
  'Léa',
  'Lucas',
  'Maya',
  'Megan',
  'Nathan',
  'Noah',
  'Olivia',
  'Omar',
  'Paul',
  'Priya',
  'Quentin',
  'Rosa',
  'Sami',
  'Sarah',
  'Théo',
  'Uma',
  'Victor',
  'Wei',
  'Yasmine',
  'Zoé',
  'Élodie',
];
export const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Taylor',
  "O'Brien",
  'Nguyen',
  'Kim',
  'Patel',
  'Müller',
];

export interface UserPlan {
  /** Pool FQDN and its share of users; the UM dial plan its UM users land in. */
  readonly pools: readonly { fqdn: string; weight: number; dialPlan: string; mailboxServers: readonly string[] }[];
  readonly domain: string;
  readonly policyOf: (dialPlan: string) => string;
  /** Share of users with Enterprise Voice, and of those with UM. */
  readonly evShare: number;
  readonly umShare: number;
  /** Extra fault knobs (shares of users). */
  readonly disabledShare: number;
  readonly sipMismatchShare: number;
  readonly extensionMismatchShare: number;
  /** Users on a mailbox server given here (e.g. Exchange 2019), UM-enabled or not. */
  readonly strayServer?: { name: string; count: number; umEnabledCount: number };
}

/** The ASCII letters of a name, lower case: the local part of a generated address. */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/** Appends users to the three sections; returns how many users landed on each pool. */
/** A user's pool, drawn by the pools' weights (one draw of `rnd`). */
export function pickPool<P extends { readonly weight: number }>(pools: readonly P[], totalWeight: number, rnd: () => number): P {
  let pick = rnd() * totalWeight;
  for (const p of pools) {
    pick -= p.weight;
    if (pick <= 0) return p;
  }
  return pools[0]!;
}

export function addUsers(ctx: ShapeContext, plan: UserPlan, count: number, seed: number, out: { users: unknown[]; mailboxes: unknown[]; umMailboxes: unknown[] }): Map<string, number> {
  const rnd = seededRandom(seed);
  const totalWeight = plan.pools.reduce((s, p) => s + p.weight, 0);
  const perPool = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const first = FIRST[Math.floor(rnd() * FIRST.length)];
    const last = LAST[Math.floor(rnd() * LAST.length)];
    const alias = `${slug(first)}.${slug(last)}${i}`;
    const sip = `${alias}@${plan.domain}`;
    const smtp = sip;
    const pool = pickPool(plan.pools, totalWeight, rnd);
    perPool.set(pool.fqdn, (perPool.get(pool.fqdn) ?? 0) + 1);
    const ev = rnd() < plan.evShare;
    const um = ev && rnd() < plan.umShare;
    const disabled = rnd() < plan.disabledShare;
    const ext = String(1000 + (i % 9000));
    const lineUri = ev ? `tel:+1425555${ext};ext=${ext}` : '';
    const stray = plan.strayServer && i < plan.strayServer.count ? plan.strayServer : undefined;
    const umEnabled = stray ? i < stray.umEnabledCount : um;
    const server = stray ? stray.name : pool.mailboxServers[i % pool.mailboxServers.length];
    const sipMismatch = umEnabled && rnd() < plan.sipMismatchShare;
    const extMismatch = umEnabled && rnd() < plan.extensionMismatchShare;
    const umExt = extMismatch ? String(1000 + ((i + 17) % 9000)) : ext;
    const resource = sipMismatch ? `${alias}.old@${plan.domain}` : sip;
    const displayName = `${first} ${last}`;
    out.users.push(
      rawCsUser(ctx, {
        sip: `sip:${sip}`,
        displayName,
        upn: `${alias}@${plan.domain}`,
        enabled: true,
        pool: pool.fqdn,
        ev,
        lineUri,
        dialPlan: '',
        voicePolicy: ev ? 'Litware-Voice' : '',
        hostedVoiceMail: null,
        exUm: umEnabled,
      }),
    );
    const phoneContext = `${pool.dialPlan}.${plan.domain}`;
    out.mailboxes.push(
      rawMailbox(ctx, {
        displayName,
        smtp,
        server,
        disabled,
        umEnabled,
        sip,
        eum: umEnabled ? [`eum:${resource};phone-context=${phoneContext}`, `eum:${umExt};phone-context=${phoneContext}`] : undefined,
      }),
    );
    if (umEnabled) {
      out.umMailboxes.push(
        rawUmMailbox(ctx, {
          smtp,
          dialPlan: pool.dialPlan,
          policy: plan.policyOf(pool.dialPlan),
          extensions: [resource, umExt],
          sipResourceIdentifier: resource,
        }),
      );
    }
  }
  return perPool;
}

/**
 * One hand-made user of the lab, built so that exactly the voice-mail rule it names fires
 * (rules R-U-… in docs/user-rules.md). Every field not listed takes the healthy value.
 */
export interface CaseUser {
  /** Local part of the SIP address, UPN and primary SMTP address. */
  readonly alias: string;
  readonly displayName: string;
  readonly pool: string;
  /** Get-CsUser Enabled (false: R-U-01). */
  readonly enabled?: boolean;
  /** Get-CsUser EnterpriseVoiceEnabled (false: R-U-02; no LineURI then, as Skype leaves it). */
  readonly ev?: boolean;
  /** LineURI as Set-CsUser wrote it; the default is `tel:+1425555<ext>;ext=<ext>`. */
  readonly lineUri?: string;
  /** Get-CsUser HostedVoiceMail (true with no HostedVoicemailPolicy: R-U-12). */
  readonly hostedVoiceMail?: boolean;
  readonly mailbox: {
    readonly server: string;
    /** Get-Mailbox AccountDisabled (true: R-U-13). */
    readonly disabled?: boolean;
    /** false: a mailbox that was never UM-enabled (R-U-03); no Get-UMMailbox object then. */
    readonly umEnabled?: boolean;
    readonly dialPlan: string;
    readonly extension: string;
    /** SIPResourceIdentifier and the SIP/EUM proxy addresses; the default is the user's SIP address (R-U-04 when not). */
    readonly sipResource?: string;
  };
}

/** Appends hand-made users (Get-CsUser, Get-Mailbox, Get-UMMailbox) in the shapes addUsers writes. */
export function addCaseUsers(
  ctx: ShapeContext,
  plan: { readonly domain: string; readonly policyOf: (dialPlan: string) => string; readonly sipDialPlans: readonly string[] },
  cases: readonly CaseUser[],
  out: { users: unknown[]; mailboxes: unknown[]; umMailboxes: unknown[] },
): void {
  for (const c of cases) {
    const address = `${c.alias}@${plan.domain}`;
    const m = c.mailbox;
    const ev = c.ev ?? true;
    const umEnabled = m.umEnabled ?? true;
    const resource = m.sipResource ?? address;
    const phoneContext = `${m.dialPlan}.${plan.domain}`;
    // A SIP URI dial plan lists the SIP address among the extensions (Enable-UMMailbox
    // -SIPResourceIdentifier, docs/remote-shapes.md), as addUsers does; a TelExtn plan only the number.
    const sipPlan = plan.sipDialPlans.includes(m.dialPlan);
    out.users.push(
      rawCsUser(ctx, {
        sip: `sip:${address}`,
        displayName: c.displayName,
        upn: address,
        enabled: c.enabled ?? true,
        pool: c.pool,
        ev,
        lineUri: c.lineUri ?? (ev ? `tel:+1425555${m.extension};ext=${m.extension}` : ''),
        dialPlan: '',
        voicePolicy: ev ? 'Litware-Voice' : '',
        hostedVoiceMail: c.hostedVoiceMail ?? null,
        exUm: umEnabled,
      }),
    );
    out.mailboxes.push(
      rawMailbox(ctx, {
        displayName: c.displayName,
        smtp: address,
        server: m.server,
        disabled: m.disabled ?? false,
        umEnabled,
        sip: resource,
        eum: umEnabled ? [...(sipPlan ? [`eum:${resource};phone-context=${phoneContext}`] : []), `eum:${m.extension};phone-context=${phoneContext}`] : undefined,
      }),
    );
    if (umEnabled)
      out.umMailboxes.push(
        rawUmMailbox(ctx, {
          smtp: address,
          dialPlan: m.dialPlan,
          policy: plan.policyOf(m.dialPlan),
          extensions: sipPlan ? [resource, m.extension] : [m.extension],
          sipResourceIdentifier: resource,
        }),
      );
  }
}
