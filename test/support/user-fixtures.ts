/**
 * Small orgs for the R-U rules (a user's Skype and Exchange halves checked together): the healthy
 * spec of small-org.ts built once through the real decoder, then users and mailboxes swapped in as plain model objects (the model is readonly
 * data), so a test states the one user half it breaks.
 */
import type { ExchangeServer, OrgModel, SkypeUser, UmDialPlan, UmMailbox } from '../../shared/model/org';
import { buildOrg, exchange2019 } from './org-builder/org-spec';
import { DIAL_PLAN, healthySpec, POOL } from './org-builder/small-org';

export { DIAL_PLAN, POOL };
export const DOMAIN = 'litwareinc.com';
export const POLICY = `${DIAL_PLAN} Default Policy`;

let healthyCache: OrgModel | undefined;

/** The healthy small org (small-org.ts healthySpec), decoded once: Alice, Bruno and Megan work; Omar is not EV nor UM. */
export function healthyOrg(): OrgModel {
  healthyCache ??= buildOrg(healthySpec());
  return healthyCache;
}

/** A Skype user on the healthy pool, EV, LineURI `tel:+1425555<ext>;ext=<ext>`. */
export function skypeUser(alias: string, o: Partial<SkypeUser> & { ext?: string } = {}): SkypeUser {
  const ext = o.ext ?? '2001';
  const { ext: _ext, ...rest } = o;
  return {
    sipAddress: `sip:${alias}@${DOMAIN}`,
    displayName: alias,
    userPrincipalName: `${alias}@${DOMAIN}`,
    enabled: true,
    registrarPool: POOL,
    enterpriseVoiceEnabled: true,
    lineUri: `tel:+1425555${ext};ext=${ext}`,
    dialPlan: '',
    voicePolicy: 'Litware-Voice',
    hostedVoiceMail: null,
    hostedVoicemailPolicy: '',
    exUmEnabled: true,
    ...rest,
  };
}

/** The UM mailbox of `alias` in the healthy SIP dial plan on ATL-EX-001, as the decoder merges Get-Mailbox and Get-UMMailbox. */
export function umMailbox(alias: string, o: Partial<UmMailbox> & { ext?: string } = {}): UmMailbox {
  const ext = o.ext ?? '2001';
  const address = `${alias}@${DOMAIN}`;
  const { ext: _ext, ...rest } = o;
  const pc = `${DIAL_PLAN}.${DOMAIN}`;
  return {
    displayName: alias,
    primarySmtpAddress: address,
    umEnabled: true,
    umDialPlan: DIAL_PLAN,
    umMailboxPolicy: POLICY,
    extensions: [address, ext],
    sipResourceIdentifier: address,
    emailAddresses: [`SMTP:${address}`, `SIP:${address}`, `eum:${address};phone-context=${pc}`, `eum:${ext};phone-context=${pc}`],
    serverName: 'ATL-EX-001',
    accountDisabled: false,
    ...rest,
  };
}

/** The healthy org with extra users and mailboxes (and optional Exchange changes). */
export function orgWithUsers(users: readonly SkypeUser[], mailboxes: readonly UmMailbox[], change: (org: OrgModel) => OrgModel = (x) => x): OrgModel {
  const base = healthyOrg();
  return change({ ...base, users: [...base.users, ...users], mailboxes: [...base.mailboxes, ...mailboxes] });
}

/** Adds an Exchange 2019 mailbox server (no UM) named `name`. */
export function add2019(name: string): (org: OrgModel) => OrgModel {
  return (org) => {
    const probe = buildOrgServer2019(name);
    return { ...org, exchange: { ...org.exchange, servers: [...org.exchange.servers, probe] } };
  };
}

let server2019Template: ExchangeServer | undefined;
function buildOrgServer2019(name: string): ExchangeServer {
  if (!server2019Template) {
    const spec = healthySpec();
    spec.exchange.servers.push(exchange2019('ATL-EX-019', 'atl-ex-019.litwareinc.com'));
    server2019Template = buildOrg(spec).exchange.servers.find((s) => s.name === 'ATL-EX-019')!;
  }
  return { ...server2019Template, name, fqdn: `${name.toLowerCase()}.${DOMAIN}` };
}

/** Adds a dial plan (a copy of the healthy one with the given changes). */
export function addDialPlan(d: Partial<UmDialPlan> & { name: string }, policy?: string): (org: OrgModel) => OrgModel {
  return (org) => {
    const base = org.exchange.dialPlans[0];
    const dp: UmDialPlan = { ...base, phoneContext: `${d.name}.${DOMAIN}`, umIpGateways: [], umAutoAttendants: [], umMailboxPolicies: policy ? [policy] : [], ...d };
    return {
      ...org,
      exchange: {
        ...org.exchange,
        dialPlans: [...org.exchange.dialPlans, dp],
        mailboxPolicies: policy ? [...org.exchange.mailboxPolicies, { name: policy, dialPlan: d.name }] : org.exchange.mailboxPolicies,
      },
    };
  };
}

/** Composes org changes left to right. */
export function pipe(...changes: ((org: OrgModel) => OrgModel)[]): (org: OrgModel) => OrgModel {
  return (org) => changes.reduce((o, c) => c(o), org);
}
