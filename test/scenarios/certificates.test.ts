/**
 * The UM certificate's root (R-X-01) as seed 001 says it: the same ROOT certificate on both sides, not
 * the same issuer. Real PKIs made with openssl (test/support/pki-fixtures.ts) replace the lab
 * certificates of a healthy baseline (test/scenarios/baselines.ts); the roots an admin adds (a
 * trusted-roots PEM bundle: `umc check --trusted-roots FILE`) are OrgModel.trustedRoots. Each fault
 * beside a correct-but-unusual configuration that must stay silent, and "cannot judge the root" (info)
 * where a chain ends at an issuer whose certificate is not held.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CertificateFacts } from '../../shared/certificates/cert-model';
import type { OrgModel } from '../../shared/model/org';
import { evaluateRules } from '../../shared/rules/engine';
import { buildOrg, type OrgSpec } from '../support/org-builder/org-spec';
import { POOL } from '../support/org-builder/small-org';
import { pkiCa, pkiServer, type PkiCertificate } from '../support/pki-fixtures';
import { exchange2010Lync2013Spec, exchange2013Lync2013Spec, healthySpec } from './baselines';
import { runScenarios, type Scenario } from './scenario-harness';

/** Seed 001, the certificate table ("avec Lync 2010 ou 2013 et des plans de numérotation SIP"). */
const SAME_ROOT = 'Les serveurs d’accès au client et de boîtes aux lettres doivent avoir le même certificat racine que les serveurs Lync 2010 ou Lync 2013.';
/** Seed 001, on connecting Client Access and Mailbox servers to Lync. */
const CA_SIGNED = 'vous devez utiliser un certificat valide et signé par une autorité de certification tierce, publique ou privée.';

const V2016 = 'Exchange 2016 + Skype for Business Server 2015';
const V2013 = 'Exchange 2013 + Lync Server 2013';
const V2010 = 'Exchange 2010 SP3 + Lync Server 2013';

// The PKIs: Litware (one root, two issuing CAs under it) and Fabrikam (another root).
const ROOT_A = 'Litware Chain Root CA';
const ISSUING_A1 = 'Litware Issuing CA 1';
const ISSUING_A2 = 'Litware Issuing CA 2';
const ROOT_B = 'Fabrikam Root CA';
const pki = () => {
  pkiCa(ROOT_A);
  pkiCa(ISSUING_A1, ROOT_A);
  pkiCa(ISSUING_A2, ROOT_A);
  pkiCa(ROOT_B);
};

interface Placement {
  /** The CA that issued every Exchange UM certificate (null: self-signed). */
  readonly exchange: string | null;
  /** The CA that issued the Skype pool certificate (Default), or `same` for the Exchange certificate itself. */
  readonly skype: string | 'same-as-exchange';
  /** The CA that issued the Skype OAuthTokenIssuer certificate (default: unchanged lab certificate). */
  readonly oauth?: string;
  /** CAs in the admin's trusted-roots file. */
  readonly trusted?: readonly string[];
}

const asRef = (c: PkiCertificate) => ({ facts: c.facts, rawData: c.rawData, unreadable: null });

/** The baseline org with its UM and Skype certificates re-issued by the given CAs. */
function withPki(spec: () => OrgSpec, p: Placement): () => OrgModel {
  return () => {
    pki();
    const org = buildOrg(spec());
    const isUm = (services: readonly string[]) => services.some((s) => /^UM(CallRouter)?$/i.test(s));
    const exchangeCert = (fqdn: string) => pkiServer(fqdn, p.exchange);
    const certificates = org.exchange.certificates.map((c) => (isUm(c.services) ? { ...c, ...asRef(exchangeCert(c.server)) } : c));
    const firstUm = org.exchange.certificates.find((c) => isUm(c.services))!;
    const skypeCert = p.skype === 'same-as-exchange' ? exchangeCert(firstUm.server) : pkiServer(POOL, p.skype);
    const skype = org.skype.certificates.map((c) => {
      if (c.use === 'Default') return { ...c, ...asRef(skypeCert) };
      if (c.use === 'OAuthTokenIssuer' && p.oauth) return { ...c, ...asRef(pkiServer('litwareinc.com', p.oauth)) };
      return c;
    });
    const trustedRoots: CertificateFacts[] = (p.trusted ?? []).map((n) => pkiCa(n).facts);
    return { ...org, exchange: { ...org.exchange, certificates }, skype: { ...org.skype, certificates: skype }, trustedRoots };
  };
}

const R = 'R-X-01';

export const CERTIFICATE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'cert-root-two-tier-same-root',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2016,
    change: 'Exchange UM certificates from issuing CA 1, the Skype pool certificate from issuing CA 2, both under one root; root and intermediates in the trusted-roots file',
    build: withPki(healthySpec, { exchange: ISSUING_A1, skype: ISSUING_A2, trusted: [ROOT_A, ISSUING_A1, ISSUING_A2] }),
    mustFire: [],
    mustNotFire: [{ rule: R }],
  },
  {
    id: 'cert-root-different-roots',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2016,
    change: 'Exchange UM certificates from the Fabrikam root, the Skype pool certificate from the Litware root; both roots in the trusted-roots file',
    build: withPki(healthySpec, { exchange: ROOT_B, skype: ISSUING_A2, trusted: [ROOT_A, ISSUING_A2, ROOT_B] }),
    mustFire: [
      { rule: R, object: 'exchangeServer:ATL-EX-001' },
      { rule: R, object: 'exchangeServer:ATL-EX-002' },
    ],
    mustNotFire: [],
  },
  {
    id: 'cert-root-one-side-from-root-directly',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2016,
    change: 'Exchange UM certificates issued by the root itself, the Skype pool certificate by an issuing CA under it',
    build: withPki(healthySpec, { exchange: ROOT_A, skype: ISSUING_A2, trusted: [ROOT_A, ISSUING_A2] }),
    mustFire: [],
    mustNotFire: [{ rule: R }],
  },
  {
    id: 'cert-root-two-tier-nothing-held',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2016,
    change: 'two intermediates of one root, but no trusted-roots file: both chains end at an issuing CA not held (cannot judge the root: info, never an error)',
    build: withPki(healthySpec, { exchange: ISSUING_A1, skype: ISSUING_A2 }),
    mustFire: [{ rule: R, object: 'exchangeServer:ATL-EX-001' }],
    mustNotFire: [],
  },
  {
    id: 'cert-root-different-roots-not-held',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2016,
    change: 'Exchange from the Fabrikam root, Skype from the Litware root, no trusted-roots file: cannot judge (info)',
    build: withPki(healthySpec, { exchange: ROOT_B, skype: ROOT_A }),
    mustFire: [{ rule: R, object: 'exchangeServer:ATL-EX-001' }],
    mustNotFire: [],
  },
  {
    id: 'cert-root-same-single-ca-not-held',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2016,
    change: 'both sides issued by one CA whose certificate is not held: one CA has one root, judged silent without a file',
    build: withPki(healthySpec, { exchange: ISSUING_A1, skype: ISSUING_A1 }),
    mustFire: [],
    mustNotFire: [{ rule: R }],
  },
  {
    id: 'cert-root-self-signed-both-sides',
    seed: '001',
    quote: CA_SIGNED,
    versions: V2016,
    change: 'the same self-signed certificate enabled for UM on Exchange and installed as the Skype pool certificate',
    build: withPki(healthySpec, { exchange: null, skype: 'same-as-exchange' }),
    mustFire: [{ rule: R, object: 'exchangeServer:ATL-EX-001' }],
    mustNotFire: [],
  },
  {
    id: 'cert-root-oauth-from-other-root',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2016,
    change: 'the OAuthTokenIssuer certificate comes from the Fabrikam root; the SIP certificates of both sides from the Litware root',
    build: withPki(healthySpec, { exchange: ISSUING_A1, skype: ISSUING_A2, oauth: ROOT_B, trusted: [ROOT_A, ISSUING_A1, ISSUING_A2, ROOT_B] }),
    mustFire: [],
    mustNotFire: [{ rule: R }],
  },
  {
    id: 'cert-root-no-sip-dial-plan',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2016,
    change: 'different roots, but the dial plan is TelExtn (the table’s row "avec Lync 2010 ou 2013 et des plans de numérotation SIP" does not apply)',
    build: withPki(
      () => {
        const s = healthySpec();
        for (const d of s.exchange.dialPlans) d.uriType = 'TelExtn';
        return s;
      },
      { exchange: ROOT_B, skype: ROOT_A, trusted: [ROOT_A, ROOT_B] },
    ),
    mustFire: [],
    mustNotFire: [{ rule: R }],
  },
  {
    id: 'cert-root-2013-two-tier-same-root',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2013,
    change: 'Exchange 2013 + Lync 2013, two issuing CAs under one root, in the trusted-roots file',
    build: withPki(exchange2013Lync2013Spec, { exchange: ISSUING_A1, skype: ISSUING_A2, trusted: [ROOT_A, ISSUING_A1, ISSUING_A2] }),
    mustFire: [],
    mustNotFire: [{ rule: R }],
  },
  {
    id: 'cert-root-2013-different-roots',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2013,
    change: 'Exchange 2013 + Lync 2013, Exchange from the Fabrikam root, Lync from the Litware root, both held',
    build: withPki(exchange2013Lync2013Spec, { exchange: ROOT_B, skype: ROOT_A, trusted: [ROOT_A, ROOT_B] }),
    mustFire: [{ rule: R, object: 'exchangeServer:ATL-EX-001' }],
    mustNotFire: [],
  },
  {
    id: 'cert-root-2010-two-tier-same-root',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2010,
    change: 'Exchange 2010 SP3 UM servers + Lync 2013, two issuing CAs under one root, in the trusted-roots file',
    build: withPki(exchange2010Lync2013Spec, { exchange: ISSUING_A1, skype: ISSUING_A2, trusted: [ROOT_A, ISSUING_A1, ISSUING_A2] }),
    mustFire: [],
    mustNotFire: [{ rule: R }],
  },
  {
    id: 'cert-root-2010-different-roots',
    seed: '001',
    quote: SAME_ROOT,
    versions: V2010,
    change: 'Exchange 2010 SP3 from the Fabrikam root, Lync 2013 from the Litware root, both held',
    build: withPki(exchange2010Lync2013Spec, { exchange: ROOT_B, skype: ISSUING_A2, trusted: [ROOT_A, ISSUING_A2, ROOT_B] }),
    mustFire: [{ rule: R, object: 'exchangeServer:ATL-EX-001' }],
    mustNotFire: [],
  },
];

runScenarios('certificates: the same root on both sides (seed 001)', CERTIFICATE_SCENARIOS);

/** Which variant and severity R-X-01 gave, per Exchange server: what the harness does not look at. */
function rx01(id: string): string[] {
  const s = CERTIFICATE_SCENARIOS.find((x) => x.id === id)!;
  return evaluateRules(s.build())
    .filter((f) => f.rule === R)
    .map((f) => `${f.objects.find((o) => o.kind === 'exchangeServer')?.id}:${f.message.key.split('.').pop()}:${f.severity}`)
    .sort();
}

describe('R-X-01: the outcome of each scenario that fires', () => {
  test('different held roots: an error naming both roots', () => {
    assert.deepEqual(rx01('cert-root-different-roots'), ['ATL-EX-001:otherRoot:error', 'ATL-EX-002:otherRoot:error']);
    const f = evaluateRules(CERTIFICATE_SCENARIOS.find((x) => x.id === 'cert-root-different-roots')!.build()).find((x) => x.rule === R)!;
    assert.match(String(f.message.params.root), /CN=Fabrikam Root CA/);
    assert.match(String(f.message.params.skypeRoots), /CN=Litware Chain Root CA/);
  });
  test('a chain ending at an issuer not held: "cannot judge the root" (info), naming what is missing and how to supply it', () => {
    assert.deepEqual(rx01('cert-root-two-tier-nothing-held'), ['ATL-EX-001:rootUnknown:info', 'ATL-EX-002:rootUnknown:info']);
    const f = evaluateRules(CERTIFICATE_SCENARIOS.find((x) => x.id === 'cert-root-two-tier-nothing-held')!.build()).find((x) => x.rule === R)!;
    assert.equal(f.message.params.missing, 'CN=Litware Issuing CA 1, DC=litwareinc, DC=com; CN=Litware Issuing CA 2, DC=litwareinc, DC=com');
    assert.match(f.fix[0], /umc check --trusted-roots roots\.pem$/);
    assert.deepEqual(rx01('cert-root-different-roots-not-held'), ['ATL-EX-001:rootUnknown:info', 'ATL-EX-002:rootUnknown:info']);
  });
  test('the same two roots, supplied by the trusted-roots file, are judged: cannot judge becomes an error', () => {
    const unjudged = withPki(healthySpec, { exchange: ROOT_B, skype: ROOT_A })();
    assert.deepEqual(
      evaluateRules(unjudged)
        .filter((f) => f.rule === R)
        .map((f) => f.severity),
      ['info', 'info'],
    );
    const judged = { ...unjudged, trustedRoots: [pkiCa(ROOT_A).facts, pkiCa(ROOT_B).facts] };
    assert.deepEqual(
      evaluateRules(judged)
        .filter((f) => f.rule === R)
        .map((f) => `${f.message.key}:${f.severity}`),
      ['rule.R-X-01.msg.otherRoot:error', 'rule.R-X-01.msg.otherRoot:error'],
    );
  });
  test('self-signed on both sides: the self-signed error, whatever Skype holds', () => {
    assert.deepEqual(rx01('cert-root-self-signed-both-sides'), ['ATL-EX-001:selfSigned:error', 'ATL-EX-002:selfSigned:error']);
  });
  test('Exchange 2010 and 2013 with different roots: the error on every UM server', () => {
    assert.deepEqual(rx01('cert-root-2010-different-roots'), ['ATL-EX-001:otherRoot:error', 'ATL-EX-002:otherRoot:error']);
    assert.deepEqual(rx01('cert-root-2013-different-roots'), ['ATL-EX-001:otherRoot:error', 'ATL-EX-002:otherRoot:error']);
  });
});
