/**
 * A synthetic transaction's TaskOutput decoded and placed (shared/voicemail/task-output.ts): the members of
 * Microsoft.Rtc.SyntheticTransactions.TaskOutput as remoting delivers them (Latency as text or as a TimeSpan's
 * properties), each kind of failure from real-shaped Error / Diagnosis texts, and the hop it lands on — the first
 * red hop of the call path among the hops the kind can come from, else the first of those.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallHop, HopKind } from '../../../../shared/users/user-model';
import { decodeTaskOutput, FAILURE_KINDS, failureKind, type FailureKind, latencyMs, parseDiagnosis, placeOnPath, rawTaskOutput, timeSpanText } from '../../../../shared/voicemail/task-output';
import { enVoicemailTest } from '../../../../shared/i18n/voicemail-test.en';
import { frVoicemailTest } from '../../../../shared/i18n/voicemail-test.fr';
import { translateDynamic } from '../../../../shared/i18n/translate';
import { englishWordsIn } from '../../../support/french-text';

const failure = (Error: string, Diagnosis = '') => decodeTaskOutput({ TargetFqdn: 'atl-cs-001.litwareinc.com', Result: 'Failure', Latency: '00:00:02.5000000', Error, Diagnosis })!;
const HOPS: readonly HopKind[] = ['pool', 'gateway', 'huntGroup', 'dialPlan', 'umServer'];
const path = (...red: HopKind[]): CallHop[] =>
  HOPS.map((kind) => ({ kind, label: kind, ref: null, ok: !red.includes(kind), problem: red.includes(kind) ? { key: 'users.hop.noGateway', params: {} } : null, findings: [] }));

/** Real-shaped failures, one or more per kind. */
const SAMPLES: readonly [FailureKind, string, string][] = [
  ['signIn', '401, Unauthorized', ''],
  ['signIn', '407, Proxy Authentication Required', ''],
  ['notSipEnabled', '404, Not Found', 'ErrorCode=4005,Source=atl-cs-001.litwareinc.com,Reason=Destination URI either not enabled for SIP or does not exist'],
  ['noRoute', '480, Temporarily Unavailable', 'ErrorCode=15030,Source=atl-cs-001.litwareinc.com,Reason=Failed to route to Exchange Server'],
  ['noRoute', '404, Not Found', ''],
  ['noRoute', '503, Service Unavailable', ''],
  ['rejected', '403, Forbidden', 'ErrorCode=15030,Source=atl-cs-001.litwareinc.com,Reason=Failed to route to Exchange Server'],
  ['rejected', '488, Not Acceptable Here', ''],
  ['tls', 'A TLS failure occurred because the target name specified in the certificate is incorrect.', ''],
  ['tls', '10054, An existing connection was forcibly closed by the remote host', ''],
  ['tls', '503, Service Unavailable', 'ErrorCode=52, Source=atl-cs-001.litwareinc.com, Reason=SEC_E_UNTRUSTED_ROOT certificate chain'],
  [
    'unreachable',
    '10060, A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond 10.0.0.5:5061',
    '',
  ],
  ['unreachable', '408, Request Timeout', ''],
  ['unreachable', '10061, No connection could be made because the target machine actively refused it', ''],
  ['unknown', 'Something else entirely', ''],
];

describe('TaskOutput decoding', () => {
  it('a success: passed, no error; the members kept as the cmdlet gives them', () => {
    const f = decodeTaskOutput({ TargetFqdn: 'atl-cs-001.litwareinc.com', Result: 'Success', Latency: '00:00:01.2340000', Error: null, Diagnosis: '' })!;
    assert.deepEqual(f, {
      targetFqdn: 'atl-cs-001.litwareinc.com',
      result: 'Success',
      passed: true,
      latencyMs: 1234,
      error: null,
      diagnosis: null,
      errorCode: null,
      diagnosticCode: null,
      diagnosticSource: null,
      diagnosticReason: null,
    });
    assert.equal(failureKind(f), 'passed');
    assert.deepEqual(placeOnPath(f, path()), { kind: 'passed', hop: null, pathAgrees: false });
  });

  it('not a TaskOutput: null', () => {
    assert.equal(decodeTaskOutput(null), null);
    assert.equal(decodeTaskOutput('Success'), null);
    assert.equal(decodeTaskOutput({ TargetFqdn: 'x' }), null);
  });

  it('Latency: TimeSpan text (with days), milliseconds, or a TimeSpan’s properties', () => {
    assert.equal(latencyMs('00:00:00'), 0);
    assert.equal(latencyMs('1.02:03:04.5000000'), ((26 * 60 + 3) * 60 + 4.5) * 1000);
    assert.equal(latencyMs(250), 250);
    assert.equal(latencyMs({ Ticks: 12_345_678, TotalMilliseconds: 1234.5678 }), 1235);
    assert.equal(latencyMs({ Ticks: 20_000_000 }), 2000);
    assert.equal(latencyMs('two seconds'), null);
    assert.equal(timeSpanText(1234), '00:00:01.2340000');
    assert.equal(timeSpanText(3_600_000 + 61_000), '01:01:01');
  });

  it('Diagnosis: ErrorCode, Source and a Reason that may hold commas', () => {
    assert.deepEqual(parseDiagnosis('ErrorCode=15030,Source=atl-cs-001.litwareinc.com,Reason=Failed to route, then gave up'), {
      code: 15030,
      source: 'atl-cs-001.litwareinc.com',
      reason: 'Failed to route, then gave up',
    });
    assert.deepEqual(parseDiagnosis(null), { code: null, source: null, reason: null });
    const f = failure('480, Temporarily Unavailable', 'ErrorCode=15030,Source=p.litwareinc.com,Reason=Failed to route to Exchange Server');
    assert.equal(f.errorCode, 480);
    assert.equal(f.diagnosticCode, 15030);
    assert.equal(f.latencyMs, 2500);
  });

  it('every kind from real-shaped texts', () => {
    for (const [kind, error, diagnosis] of SAMPLES) assert.equal(failureKind(failure(error, diagnosis)), kind, `${error} / ${diagnosis}`);
    // Each kind but "passed" has at least one sample.
    assert.deepEqual([...new Set(SAMPLES.map((s) => s[0]))].sort(), FAILURE_KINDS.filter((k) => k !== 'passed').sort());
  });
});

describe('placement on the call path', () => {
  const expectations: Readonly<Record<Exclude<FailureKind, 'passed' | 'signIn'>, { none: HopKind; red: [HopKind[], HopKind][] }>> = {
    notSipEnabled: { none: 'pool', red: [[['pool'], 'pool']] },
    noRoute: {
      none: 'gateway',
      red: [
        [['gateway'], 'gateway'],
        [['umServer'], 'umServer'],
        [['huntGroup', 'umServer'], 'huntGroup'],
        [['pool'], 'gateway'],
      ],
    },
    rejected: {
      none: 'huntGroup',
      red: [
        [['dialPlan'], 'dialPlan'],
        [['gateway'], 'gateway'],
        [['huntGroup', 'dialPlan'], 'huntGroup'],
      ],
    },
    tls: {
      none: 'umServer',
      red: [
        [['gateway'], 'gateway'],
        [['dialPlan', 'umServer'], 'umServer'],
      ],
    },
    unreachable: {
      none: 'umServer',
      red: [
        [['gateway'], 'gateway'],
        [['huntGroup'], 'umServer'],
      ],
    },
    unknown: {
      none: 'pool',
      red: [
        [['dialPlan'], 'dialPlan'],
        [['gateway', 'umServer'], 'gateway'],
      ],
    },
  };

  it('per kind: the first red hop it can come from (the path agrees), else its first hop (the path does not)', () => {
    for (const [kind, e] of Object.entries(expectations) as [keyof typeof expectations, (typeof expectations)[keyof typeof expectations]][]) {
      const sample = SAMPLES.find((s) => s[0] === kind)!;
      const f = failure(sample[1], sample[2]);
      assert.deepEqual(placeOnPath(f, path()), { kind, hop: e.none, pathAgrees: false }, `${kind} on a green path`);
      for (const [red, hop] of e.red) {
        const p = placeOnPath(f, path(...red));
        assert.equal(p.hop, hop, `${kind} with ${red.join('+')} red`);
        assert.equal(p.pathAgrees, red.includes(hop), `${kind} with ${red.join('+')} red`);
      }
    }
  });

  it('the test user’s own sign-in is on no hop, whatever the path shows', () => {
    assert.deepEqual(placeOnPath(failure('401, Unauthorized'), path('gateway')), { kind: 'signIn', hop: null, pathAgrees: false });
  });

  it('the raw output as Format-List prints it', () => {
    const o = { TargetFqdn: 'atl-cs-001.litwareinc.com', Result: 'Failure', Latency: '00:00:02.5000000', Error: '403, Forbidden', Diagnosis: 'ErrorCode=15030,Source=a,Reason=b' };
    assert.equal(
      rawTaskOutput(decodeTaskOutput(o)!, o),
      'TargetFqdn : atl-cs-001.litwareinc.com\nResult     : Failure\nLatency    : 00:00:02.5000000\nError      : 403, Forbidden\nDiagnosis  : ErrorCode=15030,Source=a,Reason=b',
    );
  });
});

describe('the explanations', () => {
  it('each kind has a title and an explanation in both languages; the French is French', () => {
    for (const k of FAILURE_KINDS) {
      for (const part of ['title', 'explain']) {
        const key = `voicemailTest.kind.${k}.${part}`;
        assert.ok(key in enVoicemailTest && key in frVoicemailTest, key);
        const fr = translateDynamic('fr', key, {});
        assert.deepEqual(englishWordsIn(fr), [], `${key}: ${fr}`);
      }
    }
    assert.deepEqual(Object.keys(frVoicemailTest).sort(), Object.keys(enVoicemailTest).sort());
  });
});
