/**
 * The users of a generated large org, as a real org has them: most of them set up end to end
 * (Skype user enabled for Enterprise Voice, UM mailbox in a SIP URI dial plan with a unique
 * extension of the plan's length, the LineURI naming the same extension), and a few percent broken,
 * each by exactly one fault that one user rule finds (docs/user-rules.md). The share of each fault
 * is an option; the same seed gives the same users.
 */
import { seededRandom } from '../seeded-random';
import { rawCsUser, rawMailbox, rawUmMailbox, type ShapeContext } from './raw-objects';
import { FIRST, LAST, pickPool, slug, type UserPlan } from './users';

/** The faults a generated user may carry, by the user rule that finds it. */
export type UserFault = 'R-U-01' | 'R-U-02' | 'R-U-03' | 'R-U-04' | 'R-U-05' | 'R-U-08' | 'R-U-09' | 'R-U-10' | 'R-U-12' | 'R-U-13';

/**
 * Share of users (0…1) carrying each fault; the rest are healthy. R-U-08 counts both users of a
 * shared extension (one fault makes two users share it); R-U-10 is a warning, so those users still work.
 */
export type UserMix = Readonly<Record<UserFault, number>>;

/**
 * Defaults: 5 % of users fail (one blocking fault each), 95 % work, 0.5 % of which with the R-U-10
 * warning. Documented in docs/generated-org.md.
 */
export const DEFAULT_USER_MIX: UserMix = {
  'R-U-01': 0.005, // Skype user disabled
  'R-U-02': 0.01, // no Enterprise Voice (the largest group: users never given a phone)
  'R-U-03': 0.01, // mailbox never UM-enabled
  'R-U-04': 0.005, // SIP resource identifier left on an old SIP address
  'R-U-05': 0.0025, // UM mailbox in a non-SIP (PBX) dial plan
  'R-U-08': 0.005, // extension shared with another user of the plan
  'R-U-09': 0.005, // extension of the wrong length
  'R-U-10': 0.005, // LineURI names another extension (warning)
  'R-U-12': 0.0025, // HostedVoiceMail on with no hosted voice mail policy
  'R-U-13': 0.005, // Active Directory account disabled
};

/** The faults, in the order a user's draw walks them. */
const FAULTS = Object.keys(DEFAULT_USER_MIX) as UserFault[];

/** Checks a mix: known faults, shares between 0 and 1, adding up to at most 1. */
export function checkUserMix(mix: UserMix): void {
  let total = 0;
  for (const [fault, share] of Object.entries(mix)) {
    if (!FAULTS.includes(fault as UserFault)) throw new Error(`unknown user fault ${fault}; known: ${FAULTS.join(', ')}`);
    if (!(share >= 0 && share <= 1)) throw new Error(`share of ${fault} must be between 0 and 1, got ${share}`);
    // A R-U-08 fault makes two users share an extension.
    total += fault === 'R-U-08' ? share / 2 : share;
  }
  if (total > 1) throw new Error(`the fault shares add up to ${total}, more than every user`);
}

export interface MixedUserPlan {
  readonly pools: UserPlan['pools'];
  readonly domain: string;
  readonly policyOf: (dialPlan: string) => string;
  /** NumberOfDigitsInExtension of the SIP URI dial plans the pools' users land in. */
  readonly sipDigits: number;
  /** A non-SIP dial plan and its digits, for R-U-05 (none: no such users). */
  readonly nonSipPlan: { readonly name: string; readonly digits: number } | null;
  readonly mix: UserMix;
}

/** Appends `count` users (Get-CsUser, Get-Mailbox, Get-UMMailbox); returns how many carry each fault. */
export function addMixedUsers(ctx: ShapeContext, plan: MixedUserPlan, count: number, seed: number, out: { users: unknown[]; mailboxes: unknown[]; umMailboxes: unknown[] }): Map<UserFault, number> {
  checkUserMix(plan.mix);
  const rnd = seededRandom(seed);
  const totalWeight = plan.pools.reduce((s, p) => s + p.weight, 0);
  // Extensions are handed out in order per dial plan, so they are unique unless a fault says otherwise.
  const nextExtension = new Map<string, number>();
  const lastExtension = new Map<string, string>();
  const faults = new Map<UserFault, number>();
  let shortExtension = 0;
  for (let i = 0; i < count; i++) {
    const first = FIRST[Math.floor(rnd() * FIRST.length)];
    const last = LAST[Math.floor(rnd() * LAST.length)];
    const pool = pickPool(plan.pools, totalWeight, rnd);
    let draw = rnd();
    let fault: UserFault | null = null;
    for (const f of FAULTS) {
      const share = f === 'R-U-08' ? plan.mix[f] / 2 : plan.mix[f];
      if (draw < share) {
        fault = f;
        break;
      }
      draw -= share;
    }
    if (fault === 'R-U-05' && !plan.nonSipPlan) fault = null;
    // R-U-08 needs an earlier user of the plan to share with.
    if (fault === 'R-U-08' && !lastExtension.has(pool.dialPlan)) fault = null;
    if (fault) faults.set(fault, (faults.get(fault) ?? 0) + 1);

    const alias = `${slug(first)}.${slug(last)}${i}`;
    const address = `${alias}@${plan.domain}`;
    const dialPlan = fault === 'R-U-05' ? plan.nonSipPlan!.name : pool.dialPlan;
    const sipPlan = fault !== 'R-U-05';
    let ext: string;
    if (fault === 'R-U-08') ext = lastExtension.get(dialPlan)!;
    else if (fault === 'R-U-09') ext = String(10 ** (plan.sipDigits - 2) + (shortExtension++ % (9 * 10 ** (plan.sipDigits - 2))));
    else {
      const digits = sipPlan ? plan.sipDigits : plan.nonSipPlan!.digits;
      const n = nextExtension.get(dialPlan) ?? 0;
      nextExtension.set(dialPlan, n + 1);
      ext = String(10 ** (digits - 1) + (n % (9 * 10 ** (digits - 1))));
      // A shared extension pairs with a healthy user, so each user keeps one fault.
      if (sipPlan && fault === null) lastExtension.set(dialPlan, ext);
    }
    const ev = fault !== 'R-U-02';
    const umEnabled = fault !== 'R-U-03';
    // R-U-10: the LineURI names an extension no mailbox has (the UM one stays unique).
    const lineExt = fault === 'R-U-10' ? `9${ext.slice(1)}` : ext;
    const lineUri = ev ? `tel:+1425${lineExt.padStart(7, '0')};ext=${lineExt}` : '';
    const resource = fault === 'R-U-04' ? `${alias}.old@${plan.domain}` : address;
    const phoneContext = `${dialPlan}.${plan.domain}`;
    const displayName = `${first} ${last}`;
    out.users.push(
      rawCsUser(ctx, {
        sip: `sip:${address}`,
        displayName,
        upn: address,
        enabled: fault !== 'R-U-01',
        pool: pool.fqdn,
        ev,
        lineUri,
        dialPlan: '',
        voicePolicy: ev ? 'Litware-Voice' : '',
        hostedVoiceMail: fault === 'R-U-12' ? true : null,
        exUm: umEnabled,
      }),
    );
    out.mailboxes.push(
      rawMailbox(ctx, {
        displayName,
        smtp: address,
        server: pool.mailboxServers[i % pool.mailboxServers.length],
        disabled: fault === 'R-U-13',
        umEnabled,
        sip: resource,
        eum: umEnabled ? [...(sipPlan ? [`eum:${resource};phone-context=${phoneContext}`] : []), `eum:${ext};phone-context=${phoneContext}`] : undefined,
      }),
    );
    if (umEnabled)
      out.umMailboxes.push(rawUmMailbox(ctx, { smtp: address, dialPlan, policy: plan.policyOf(dialPlan), extensions: sipPlan ? [resource, ext] : [ext], sipResourceIdentifier: resource }));
  }
  return faults;
}
