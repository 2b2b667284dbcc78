/** The rule engine: rule table, ordering, purity, and the small-org builder's healthy spec. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Diagnostic, RULE_AREAS, SEVERITIES, SEVERITY_RANK } from '../../../../shared/diagnostics/diagnostic';
import { ORG_RULE_BY_ID as RULE_BY_ID } from '../../../../shared/diagnostics/registry';
import { OBJECT_KINDS, type OrgModel, type SectionKey, type Severity } from '../../../../shared/model/org';
import { compareDiagnostics, evaluateRules, NOT_EVALUATED, notJudged, RULES } from '../../../../shared/rules/engine';
import { RULE_NEEDS } from '../../../../shared/rules/rule-needs';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { EXCHANGE_SECTIONS, SKYPE_SECTIONS } from '../../../../shared/snapshot/format';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { labRaw } from '../../../support/lab';
import { buildOrg, server } from '../../../support/org-builder/org-spec';
import { healthySpec, orgWith } from '../../../support/org-builder/small-org';
import { labOrg } from '../../../support/lab';
import { variantOf } from '../../../support/diagnostics';

/** Freezes an object graph in place (arrays and nested objects too) and returns it. */
function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  for (const key of Reflect.ownKeys(value as object)) deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  return Object.freeze(value);
}

const isSorted = (fs: readonly Diagnostic[]) => fs.every((f, i) => i === 0 || SEVERITY_RANK[fs[i - 1].severity] >= SEVERITY_RANK[f.severity]);

describe('the rule table', () => {
  test('every rule id is unique and in the catalogue format R-<letter>-<two digits>[letter]', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    for (const id of ids) assert.match(id, /^R-[A-Z]-\d\d[a-z]?$/);
  });

  test('the id letter matches the area family (D dial plans, G gateways, X certificates, O oauth, T topology, C contacts)', () => {
    const areaOf: Record<string, string> = { D: 'dialPlans', G: 'gateways', X: 'certificates', O: 'oauth', T: 'topology', C: 'contacts' };
    for (const r of RULES) assert.equal(r.area, areaOf[r.id[2]], r.id);
  });

  test('RULE_BY_ID indexes every rule; severities, areas and basis are known values; each rule has sources', () => {
    assert.equal(RULE_BY_ID.size, RULES.length);
    for (const r of RULES) {
      assert.equal(RULE_BY_ID.get(r.id), r);
      assert.ok(SEVERITIES.includes(r.severity), r.id);
      assert.ok(RULE_AREAS.includes(r.area), r.id);
      assert.ok(['DOC', 'DERIVED', 'UNCONFIRMED'].includes(r.basis), r.id);
      assert.ok(r.sources.length > 0, r.id);
    }
  });

  test('RULES holds exactly the catalogue rules judged from a snapshot; NOT_EVALUATED ones are not among them', () => {
    const evaluated = new Set(RULES.map((r) => r.id));
    for (const n of NOT_EVALUATED) assert.ok(!evaluated.has(n.id), n.id);
    assert.deepEqual(
      [...RULES.map((r) => r.id)].sort(),
      [
        'R-C-01',
        'R-C-02',
        'R-C-03',
        'R-C-04',
        'R-C-05',
        'R-C-06',
        'R-C-07',
        'R-C-08',
        'R-C-11',
        'R-C-11b',
        'R-C-12',
        'R-C-14',
        'R-D-01',
        'R-D-02',
        'R-D-03',
        'R-D-04',
        'R-D-05',
        'R-D-06',
        'R-D-07',
        'R-D-09',
        'R-D-10',
        'R-G-01',
        'R-G-02',
        'R-G-03',
        'R-G-04',
        'R-G-05',
        'R-G-06',
        'R-G-07',
        'R-G-08',
        'R-G-09',
        'R-G-13',
        'R-O-01',
        'R-O-02',
        'R-O-04',
        'R-O-05',
        'R-O-06',
        'R-O-07',
        'R-O-08',
        'R-O-09',
        'R-T-02',
        'R-T-03',
        'R-X-01',
        'R-X-02',
        'R-X-03',
      ].sort(),
    );
  });
});

describe('the healthy small org', () => {
  test('no rule fires on healthySpec()', () => {
    assert.deepEqual(evaluateRules(buildOrg(healthySpec())), []);
  });

  test('it is built through the decoder with readable certificates and the roles the decoder derives', () => {
    const org = buildOrg(healthySpec());
    assert.equal(org.source.kind, 'live');
    assert.ok(org.exchange.certificates.every((c) => c.facts !== null && c.unreadable === null));
    assert.ok(org.skype.certificates.every((c) => c.facts?.keySize === 2048));
    assert.deepEqual(
      org.skype.pools.map((p) => [p.fqdn, p.role, p.product]),
      [['atl-cs-001.litwareinc.com', 'FrontEnd', 'SfB2015']],
    );
    assert.deepEqual(
      org.exchange.servers.map((s) => [s.name, s.version.product]),
      [
        ['ATL-EX-001', '2016'],
        ['ATL-EX-002', '2016'],
      ],
    );
    assert.equal(org.users.length, 4);
    assert.equal(org.mailboxes.filter((m) => m.umEnabled).length, 3);
  });

  test('healthySpec() returns a fresh copy each time', () => {
    const a = healthySpec();
    server(a, 'ATL-EX-001').umService!.dialPlans.push('changed');
    assert.deepEqual(server(healthySpec(), 'ATL-EX-001').umService!.dialPlans, ['Litware-SIP']);
  });
});

describe('evaluateRules on the lab', () => {
  const lab = evaluateRules(labOrg());

  test('fires these distinct rule ids (at least 12)', () => {
    const ids = [...new Set(lab.map((f) => f.rule))].sort();
    assert.ok(ids.length >= 12, `only ${ids.length}: ${ids.join(', ')}`);
    assert.deepEqual(ids, [
      'R-C-06',
      'R-C-11b',
      'R-C-12',
      'R-C-14',
      'R-D-01',
      'R-D-02',
      'R-D-03',
      'R-D-04',
      'R-D-05',
      'R-D-06',
      'R-D-07',
      'R-D-09',
      'R-G-01',
      'R-G-02',
      'R-G-03',
      'R-G-05',
      'R-G-06',
      'R-G-07',
      'R-G-09',
      'R-G-13',
      'R-O-01',
      'R-O-02',
      'R-O-05',
      'R-O-06',
      'R-X-01',
      'R-X-02',
      'R-X-03',
    ]);
  });

  test('findings are sorted error → warning → info, then by rule id', () => {
    assert.ok(isSorted(lab));
    const firstOf = (s: Severity) => lab.findIndex((f) => f.severity === s);
    const lastOf = (s: Severity) => lab.map((f) => f.severity).lastIndexOf(s);
    assert.ok(lastOf('error') < firstOf('warning') && lastOf('warning') < firstOf('info'));
    for (let i = 1; i < lab.length; i++) if (lab[i - 1].severity === lab[i].severity) assert.ok(compareDiagnostics(lab[i - 1], lab[i]) <= 0);
  });

  test('R-C-11 sorts before R-C-11b and R-D-09 before R-D-10 (numeric id order)', () => {
    const mk = (rule: string): Diagnostic => ({ rule, severity: 'info', area: 'contacts', objects: [], message: { key: `rule.${rule}.msg.default`, params: {} }, fix: [], sources: [] });
    assert.ok(compareDiagnostics(mk('R-C-11'), mk('R-C-11b')) < 0);
    assert.ok(compareDiagnostics(mk('R-D-09'), mk('R-D-10')) < 0);
    assert.ok(compareDiagnostics({ ...mk('R-Z-99'), severity: 'error' }, mk('R-A-01')) < 0);
  });

  test('every finding carries its rule area and severity (R-O-08 trust is the one warning of an error rule), names known objects', () => {
    for (const f of lab) {
      const rule = RULE_BY_ID.get(f.rule)!;
      assert.equal(f.area, rule.area, f.rule);
      assert.equal(f.severity, rule.id === 'R-O-08' && variantOf(f) === 'trust' ? 'warning' : rule.severity, f.rule);
      assert.ok(f.objects.length > 0, f.rule);
      for (const o of f.objects) assert.ok(OBJECT_KINDS.includes(o.kind), `${f.rule} ${o.kind}`);
    }
  });
});

describe('evaluateRules is pure', () => {
  test('twice on a deeply frozen lab org: no throw, deep-equal results, org unchanged', () => {
    const org = labOrg();
    const before = structuredClone(org);
    deepFreeze(org);
    assert.ok(Object.isFrozen(org.exchange.servers[0].roles));
    let first: Diagnostic[] = [];
    let second: Diagnostic[] = [];
    assert.doesNotThrow(() => {
      first = evaluateRules(org);
      second = evaluateRules(org);
    });
    assert.ok(first.length > 0);
    assert.deepEqual(second, first);
    assert.notEqual(second, first);
    assert.deepEqual(structuredClone(org), before);
  });

  test('on a frozen small org with findings of every severity', () => {
    const org: OrgModel = deepFreeze(
      orgWith((s) => {
        server(s, 'ATL-EX-002').umService!.startupMode = 'TLS'; // R-D-07 info
        s.exchange.gateways[0].status = 'NoNewCalls'; // R-G-09 warning
        s.skype.oauth = null; // R-O-02 error
      }),
    );
    const a = evaluateRules(org);
    assert.deepEqual(
      a.map((f) => `${f.severity} ${f.rule}`),
      ['error R-O-02', 'warning R-G-09', 'info R-D-07'],
    );
    assert.deepEqual(evaluateRules(org), a);
  });

  test('a subset of rules, or none', () => {
    const org = labOrg();
    assert.deepEqual(evaluateRules(org, []), []);
    const only = evaluateRules(org, [RULE_BY_ID.get('R-G-09')!]);
    assert.deepEqual(
      only.map((f) => f.rule),
      ['R-G-09'],
    );
  });
});

const ALL_SECTIONS: SectionKey[] = [...Object.keys(EXCHANGE_SECTIONS).map((n) => `exchange.${n}` as SectionKey), ...Object.keys(SKYPE_SECTIONS).map((n) => `skype.${n}` as SectionKey)];
const decodeLab = (mutate: (raw: Record<string, any>) => void) => {
  const raw = labRaw();
  mutate(raw);
  return decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
};
/** What a finding is about, without the fix text and parameters (those may come from other sections). */
const about = (f: Diagnostic) => `${f.rule} ${variantOf(f)} ${f.objects.map((o) => `${o.kind}:${o.id}`).join(' ')}`;

describe('the sections each rule needs (rule-needs.ts)', () => {
  test('every rule of RULES has an entry, naming sections of the snapshot format, and nothing else has one', () => {
    assert.deepEqual(Object.keys(RULE_NEEDS).sort(), RULES.map((r) => r.id).sort());
    for (const [id, needs] of Object.entries(RULE_NEEDS)) {
      assert.ok(needs.sections.length > 0, id);
      for (const k of needs.sections) assert.ok(ALL_SECTIONS.includes(k), `${id}: ${k}`);
    }
  });

  test('the entries are complete: emptying every section a rule does not list leaves what it finds on the lab unchanged', () => {
    const full = evaluateRules(labOrg());
    for (const rule of RULES) {
      const needed = new Set<string>(RULE_NEEDS[rule.id].sections);
      const org = decodeLab((raw) => {
        for (const key of ALL_SECTIONS) {
          if (needed.has(key)) continue;
          const [group, name] = key.split('.');
          raw[group][name].objects = [];
        }
      });
      const expected = full
        .filter((f) => f.rule === rule.id)
        .map(about)
        .sort();
      assert.deepEqual(evaluateRules(org, [rule]).map(about).sort(), expected, rule.id);
    }
  });
});

describe('rules over sections not read are not judged', () => {
  const notRead = (raw: Record<string, any>, group: string, name: string) => {
    raw[group][name] = { command: 'x', objects: [], status: 'not-read', notes: [{ text: `${name} is not available to this account/version`, reason: 'unavailable' }] };
  };

  test('the lab: every rule is judged', () => {
    assert.deepEqual(notJudged(labOrg()), []);
  });

  test('without Get-CsMediaConfiguration, R-D-02 and R-D-03 are not judged (the default would be a false finding); the others still are', () => {
    const org = decodeLab((raw) => notRead(raw, 'skype', 'mediaConfigurations'));
    assert.deepEqual(notJudged(org), [
      { id: 'R-D-02', sections: ['skype.mediaConfigurations'] },
      { id: 'R-D-03', sections: ['skype.mediaConfigurations'] },
    ]);
    const ids = new Set(evaluateRules(org).map((f) => f.rule));
    assert.ok(!ids.has('R-D-02') && !ids.has('R-D-03'));
    const levelFree = (f: { rule: string }) => f.rule !== 'R-D-02' && f.rule !== 'R-D-03' && f.rule !== 'R-D-04';
    assert.deepEqual(evaluateRules(org).filter(levelFree), evaluateRules(labOrg()).filter(levelFree));
    // An Unsecured dial plan fails with Skype whatever the level (seed 000, mutual TLS): R-D-04 still fires,
    // on the dial plan alone, without naming the pools by level.
    assert.deepEqual(
      evaluateRules(org)
        .filter((f) => f.rule === 'R-D-04')
        .map((f) => [f.message.key, f.objects.map((o) => `${o.kind}:${o.id}`)]),
      [['rule.R-D-04.msg.default', ['umDialPlan:Litware-Ext']]],
    );
  });

  test('without Get-UMService: the rules on UM services are not judged, with every section they miss', () => {
    const org = decodeLab((raw) => {
      notRead(raw, 'exchange', 'umServices');
      notRead(raw, 'exchange', 'callRouters');
    });
    const byId = new Map(notJudged(org).map((n) => [n.id, n.sections]));
    assert.deepEqual(byId.get('R-D-05'), ['exchange.umServices', 'exchange.callRouters']);
    assert.deepEqual(byId.get('R-T-02'), ['exchange.umServices']);
    assert.deepEqual([...byId.keys()].sort(), ['R-D-05', 'R-D-06', 'R-D-07', 'R-T-02']);
    assert.ok(!evaluateRules(org).some((f) => byId.has(f.rule)));
  });

  test('a section the versions cannot have is not missing: no call router on Exchange 2010, no UM on 2019', () => {
    const only2010 = decodeLab((raw) => {
      for (const s of raw.exchange.servers.objects) s.AdminDisplayVersion = 'Version 14.3 (Build 123.4)';
      notRead(raw, 'exchange', 'callRouters');
    });
    assert.deepEqual(notJudged(only2010), []);
    const only2019 = decodeLab((raw) => {
      for (const s of raw.exchange.servers.objects) s.AdminDisplayVersion = 'Version 15.2 (Build 986.5)';
      notRead(raw, 'exchange', 'umServices');
      notRead(raw, 'exchange', 'callRouters');
    });
    assert.deepEqual(notJudged(only2019), []);
  });

  test('a partial section is judged on what was read', () => {
    const org = decodeLab((raw) => {
      raw.exchange.ipGateways.status = 'partial';
      raw.exchange.ipGateways.objects[2].Port = 'five';
    });
    assert.equal(org.readState?.['exchange.ipGateways']?.status, 'partial');
    assert.deepEqual(notJudged(org), []);
    assert.ok(evaluateRules(org).some((f) => f.rule === 'R-G-09'));
  });

  test('a rule that compares a section across every server is not judged on a partial one: R-O-05 from one Front End', () => {
    const org = decodeLab((raw) => {
      raw.skype.certificates.status = 'partial';
      raw.skype.certificates.objects = raw.skype.certificates.objects.filter((c: { PSComputerName?: string }) => c.PSComputerName === 'atl-fe-01.litwareinc.com');
    });
    assert.deepEqual(notJudged(org), [{ id: 'R-O-05', sections: ['skype.certificates'] }]);
    assert.ok(!evaluateRules(org).some((f) => f.rule === 'R-O-05'));
    // Read whole, the lab's second OAuth certificate on atl-fe-03 is found.
    assert.ok(evaluateRules(decodeLab(() => {})).some((f) => f.rule === 'R-O-05'));
  });

  test('certificates over remoting whose UM binding cannot be read: the UM certificate rules are not judged', () => {
    const org = decodeLab((raw) => {
      for (const c of raw.exchange.certificates.objects) {
        delete c.Services;
        delete c.Identity;
      }
    });
    assert.ok(org.exchange.certificates.every((c) => !c.servicesKnown && !c.umBindingKnown && c.server === ''));
    assert.deepEqual(
      notJudged(org).map((n) => `${n.id}: ${n.sections.join(', ')}`),
      ['R-X-01: exchange.certificates', 'R-X-02: exchange.certificates', 'R-X-03: exchange.certificates'],
    );
    assert.ok(!evaluateRules(org).some((f) => f.rule.startsWith('R-X-')));
  });
});
