/**
 * The synthetic calls as data (shared/voicemail/synthetic-test.ts): the parameter sets of Microsoft's reference
 * (ClientPlatform: the user's SIP address with its credential), the input refused with a message naming the field,
 * and the command text — checked by PowerShell's own parser, and never holding a password.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../../../../shared/i18n/translate';
import { buildSyntheticCall, checkTestCredential, normalizeSip, secretKey, syntheticCommandText, VOICEMAIL_TEST_CMDLETS } from '../../../../shared/voicemail/synthetic-test';
import { CMDLET_REFERENCE } from '../../../../shared/powershell/cmdlet-reference';
import { parseWithPowerShell } from '../../../support/ps-parse';
import { NO_PWSH } from '../../../support/powershell';

const kenmyer = { name: 'Ken test', userName: 'litwareinc\\kenmyer', sipAddress: 'sip:KenMyer@litwareinc.com' };

function keyOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof UserError, String(e));
    return e.detail.key;
  }
  assert.fail('no error');
}

describe('synthetic calls', () => {
  it('Test-CsExUMVoiceMail: ClientPlatform with the sender’s credential, the receiver named; it leaves a voice mail', () => {
    const c = buildSyntheticCall({ kind: 'voicemail', targetFqdn: 'ATL-CS-001.litwareinc.com', credential: kenmyer, receiverSipAddress: 'pilar@litwareinc.com' });
    assert.equal(c.cmdlet, 'Test-CsExUMVoiceMail');
    assert.equal(c.shell, 'skype');
    assert.deepEqual(c.parameters, [
      { name: 'TargetFqdn', value: 'atl-cs-001.litwareinc.com' },
      { name: 'SenderSipAddress', value: 'sip:kenmyer@litwareinc.com' },
      { name: 'ReceiverSipAddress', value: 'sip:pilar@litwareinc.com' },
    ]);
    assert.deepEqual(c.credential, { parameter: 'SenderCredential', userName: 'litwareinc\\kenmyer', name: 'Ken test' });
    assert.equal(c.leavesVoiceMail, true);
    assert.equal(c.pathUser, 'sip:pilar@litwareinc.com');
  });

  it('Test-CsExUMConnectivity: the test user’s own SIP address and credential; nothing left behind', () => {
    const c = buildSyntheticCall({ kind: 'connectivity', targetFqdn: 'atl-cs-001.litwareinc.com', credential: kenmyer });
    assert.equal(c.cmdlet, 'Test-CsExUMConnectivity');
    assert.deepEqual(
      c.parameters.map((p) => p.name),
      ['TargetFqdn', 'UserSipAddress'],
    );
    assert.equal(c.credential?.parameter, 'UserCredential');
    assert.equal(c.leavesVoiceMail, false);
    assert.equal(c.pathUser, 'sip:kenmyer@litwareinc.com');
  });

  it('Test-UMConnectivity EndToEnd: -Phone the dial plan’s SIP URI, -Secured / -MediaSecured from VoIPSecurity', () => {
    const sec = (v: string) => buildSyntheticCall({ kind: 'umConnectivity', gateway: '1:1', phoneContext: 'sipdp.contoso.com', fromSipAddress: 'user1@contoso.com', voipSecurity: v }).parameters;
    assert.deepEqual(sec('Secured'), [
      { name: 'Phone', value: 'sip:sipdp.contoso.com@contoso.com' },
      { name: 'UMIPGateway', value: '1:1' },
      { name: 'From', value: 'sip:user1@contoso.com' },
      { name: 'Secured', value: true },
      { name: 'MediaSecured', value: true },
    ]);
    assert.deepEqual(sec('SIPSecured').slice(3), [
      { name: 'Secured', value: true },
      { name: 'MediaSecured', value: false },
    ]);
    assert.deepEqual(sec('Unsecured').slice(3), [
      { name: 'Secured', value: false },
      { name: 'MediaSecured', value: false },
    ]);
  });

  it('bad input names what was wrong', () => {
    assert.equal(
      keyOf(() => buildSyntheticCall({ kind: 'voicemail', targetFqdn: 'atl-cs-001.litwareinc.com', credential: kenmyer, receiverSipAddress: 'sip:KENMYER@litwareinc.com' })),
      'voicemailTest.input.sameSender',
    );
    assert.equal(
      keyOf(() => buildSyntheticCall({ kind: 'voicemail', targetFqdn: 'atl-cs-001.litwareinc.com', credential: kenmyer, receiverSipAddress: 'not an address' })),
      'voicemailTest.input.sip',
    );
    assert.equal(
      keyOf(() => buildSyntheticCall({ kind: 'voicemail', targetFqdn: 'atl-cs-001.litwareinc.com', credential: kenmyer })),
      'voicemailTest.input.sip',
    );
    assert.equal(
      keyOf(() => buildSyntheticCall({ kind: 'connectivity', targetFqdn: 'no pool; rm -rf', credential: kenmyer })),
      'voicemailTest.input.pool',
    );
    assert.equal(
      keyOf(() => buildSyntheticCall({ kind: 'umConnectivity', gateway: ' ', phoneContext: 'x', fromSipAddress: 'a@b.c', voipSecurity: 'Secured' })),
      'voicemailTest.input.gateway',
    );
    assert.equal(
      keyOf(() => checkTestCredential({ ...kenmyer, name: '' })),
      'voicemailTest.input.credentialName',
    );
    assert.equal(
      keyOf(() => checkTestCredential({ ...kenmyer, userName: 'kenmyer' })),
      'voicemailTest.input.account',
    );
    assert.equal(
      keyOf(() => checkTestCredential({ ...kenmyer, sipAddress: 'sip:kenmyer' })),
      'voicemailTest.input.sip',
    );
    assert.deepEqual(checkTestCredential({ ...kenmyer, userName: ' kenmyer@litwareinc.com ' }).userName, 'kenmyer@litwareinc.com');
  });

  it('SIP addresses compare without case and gain sip:; secret keys are per name, any case', () => {
    assert.equal(normalizeSip(' Pilar@Litwareinc.com '), 'sip:pilar@litwareinc.com');
    assert.equal(normalizeSip('SIP:Pilar@litwareinc.com'), 'sip:pilar@litwareinc.com');
    assert.equal(secretKey('Ken Test'), secretKey('ken test'));
  });

  it('the cmdlets the sessions import are in the cmdlet reference, with the parameters the calls use', () => {
    const calls = [
      buildSyntheticCall({ kind: 'voicemail', targetFqdn: 'a.b.c', credential: kenmyer, receiverSipAddress: 'sip:x@b.c' }),
      buildSyntheticCall({ kind: 'connectivity', targetFqdn: 'a.b.c', credential: kenmyer }),
      buildSyntheticCall({ kind: 'umConnectivity', gateway: 'g', phoneContext: 'p', fromSipAddress: 'x@b.c', voipSecurity: 'Secured' }),
    ];
    for (const c of calls) {
      const ref = CMDLET_REFERENCE.find((r) => r.name === c.cmdlet);
      assert.ok(ref, c.cmdlet);
      for (const p of [...c.parameters.map((x) => x.name), ...(c.credential ? [c.credential.parameter] : [])])
        assert.ok(
          ref.parameters.some((r) => r.name === p),
          `${c.cmdlet} -${p}`,
        );
    }
    for (const n of [...VOICEMAIL_TEST_CMDLETS.skype, ...VOICEMAIL_TEST_CMDLETS.exchange])
      assert.ok(
        CMDLET_REFERENCE.some((r) => r.name === n),
        n,
      );
  });

  it('the command text parses as two statements, a Get-Credential line and the cmdlet with its values as constants; no password', { skip: NO_PWSH }, () => {
    const hostile = "sip:o'brien$(Get-Date)@litwareinc.com";
    const c = buildSyntheticCall({ kind: 'voicemail', targetFqdn: 'atl-cs-001.litwareinc.com', credential: { ...kenmyer, userName: "litwareinc\\o'brien" }, receiverSipAddress: hostile });
    const text = syntheticCommandText(c);
    assert.equal(text.split('\n')[0], "$credential = Get-Credential 'litwareinc\\o''brien'");
    const [parsed] = parseWithPowerShell([text]);
    assert.deepEqual(parsed!.errors, []);
    assert.deepEqual(
      parsed!.statements.map((x) => x.type),
      ['AssignmentStatementAst', 'PipelineAst'],
    );
    const cmd = parsed!.statements[1]!.elements![0]!;
    assert.equal(cmd.name?.value, 'Test-CsExUMVoiceMail');
    const args = cmd.args!;
    assert.deepEqual(
      args.filter((a) => a.type === 'CommandParameterAst').map((a) => a.name),
      ['TargetFqdn', 'SenderSipAddress', 'ReceiverSipAddress', 'SenderCredential'],
    );
    // Every value is a single-quoted constant (the hostile one too), the credential a variable.
    assert.deepEqual(
      args.filter((a) => a.type !== 'CommandParameterAst').map((a) => [a.type, a.value]),
      [
        ['StringConstantExpressionAst', 'atl-cs-001.litwareinc.com'],
        ['StringConstantExpressionAst', 'sip:kenmyer@litwareinc.com'],
        ['StringConstantExpressionAst', "sip:o'brien$(get-date)@litwareinc.com"],
        ['VariableExpressionAst', 'credential'],
      ],
    );
    assert.doesNotMatch(text, /password/i);
  });
});
