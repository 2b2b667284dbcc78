/**
 * The healthy baselines of the scenarios, one per supported pair of versions (seed 000's first
 * deployment step: Exchange 2010 with its latest service pack, Exchange 2013 or Exchange 2016). Each is
 * healthySpec() (test/support/org-builder/small-org.ts) with its versions changed and nothing else,
 * except what the older version itself requires (Exchange 2010: the UM server role and the dial plan's
 * UMServers links instead of the 2013+ UM service and call router). Not a test file: scenario files
 * import it without running another file's tests.
 */
import { CERT, exchange2010, type OrgSpec, V2010_SP3, V2013 } from '../support/org-builder/org-spec';
import { DIAL_PLAN, healthySpec } from '../support/org-builder/small-org';

export { healthySpec };

/** Registrar versions of Get-CsPool's Registrar service (org-spec.ts PoolSpec). */
const LYNC_2013 = 5;

/** Exchange 2013 + Lync Server 2013: the healthy spec with the 2013 versions. */
export function exchange2013Lync2013Spec(): OrgSpec {
  const s = healthySpec();
  for (const x of s.exchange.servers) x.version = V2013;
  for (const p of s.skype.pools) p.registrarVersion = LYNC_2013;
  return s;
}

/**
 * Exchange 2010 SP3 + Lync Server 2013: two 2010 servers holding the UM role (Get-UMServer, no call
 * router), linked to the SIP dial plan by its UMServers, each with its UM certificate.
 */
export function exchange2010Lync2013Spec(): OrgSpec {
  const s = healthySpec();
  s.exchange.servers = [
    { ...exchange2010('ATL-EX-001', 'atl-exchange-001.litwareinc.com', V2010_SP3, [DIAL_PLAN]), certificates: [{ subject: CERT.umAtl001, services: 'UM' }] },
    { ...exchange2010('ATL-EX-002', 'mail.litwareinc.com', V2010_SP3, [DIAL_PLAN]), certificates: [{ subject: CERT.mail, services: 'IIS, SMTP, UM' }] },
  ];
  s.exchange.dialPlans[0].umServers = ['ATL-EX-001', 'ATL-EX-002'];
  for (const p of s.skype.pools) p.registrarVersion = LYNC_2013;
  return s;
}
