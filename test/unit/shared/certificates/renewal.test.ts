/**
 * The renewal plans: for each purpose, what stops when the certificate expires and the steps, each
 * command parsed by real PowerShell and every cmdlet and parameter checked against Microsoft's reference
 * (shared/powershell/cmdlet-reference.ts, docs/cmdlet-reference.md) for the versions it runs on; the
 * restarts seed 001 asks for after binding UM certificates (MSExchangeUM on the Mailbox server,
 * MSExchangeUMCR on the Client Access server).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CERT_PURPOSES } from '../../../../shared/certificates/cert-model';
import { purposeOfUsage, renewalPlan, type RenewalPlan } from '../../../../shared/certificates/renewal';
import { en } from '../../../../shared/i18n/en';
import { fr } from '../../../../shared/i18n/fr';
import { cmdletReference, type ProductVersion } from '../../../../shared/powershell/cmdlet-reference';
import { NO_PWSH } from '../../../support/powershell';
import { type Parsed, parseWithPowerShell } from '../../../support/ps-parse';

const cert = { subjectCommonName: "um01.contoso.com'; Remove-Item C:\\ -Recurse #", subjectAltNames: ['DNS:um01.contoso.com', 'DNS:um.contoso.com', 'IP:10.0.0.5'] };
const plans: RenewalPlan[] = [
  renewalPlan('um', cert, { server: 'EX01', fqdn: 'ex01.contoso.com', services: ['UM'] }),
  renewalPlan('um', cert, { server: 'CAS01', fqdn: 'cas01.contoso.com', services: ['UMCallRouter'] }),
  renewalPlan('skype-frontend', cert, { server: 'fe01.contoso.com' }),
  renewalPlan('oauth', cert, { side: 'skype' }),
  renewalPlan('oauth', { subjectCommonName: 'Microsoft Exchange Server Auth Certificate', subjectAltNames: [] }, { side: 'exchange', server: 'EX01', fqdn: 'ex01.contoso.com' }),
  renewalPlan('gateway', cert),
];
/** The versions each side's commands must run on: Exchange 2013/2016 (OAuth is 2013+; UM ends with 2016), Lync 2013 to SfB 2019. */
const VERSIONS: Readonly<Record<string, readonly ProductVersion[]>> = { exchange: ['Exchange2013', 'Exchange2016'], skype: ['Lync2013', 'SfB2015', 'SfB2019'] };
/** Windows PowerShell cmdlets around the product cmdlets (not in the product reference). */
const WINDOWS = new Set(['set-content', 'get-content', 'get-date']);

describe('renewal plans', () => {
  test('every purpose has a plan whose texts exist in both languages', () => {
    for (const p of CERT_PURPOSES) assert.equal(renewalPlan(p, cert).purpose, p);
    for (const plan of plans) {
      for (const key of [plan.impactKey, ...plan.steps.map((s) => s.key), ...plan.steps.map((s) => `certInspector.side.${s.side}`)]) {
        assert.ok(key in en, `${key} missing in English`);
        assert.ok(key in fr, `${key} missing in French`);
      }
    }
  });
  test('UM: request, CA, import, enable for the services bound, then the restart of each service the seeds ask for', () => {
    const [mbx, cas] = plans;
    assert.deepEqual(
      mbx.steps.map((s) => s.key),
      ['certInspector.step.um.request', 'certInspector.step.um.issue', 'certInspector.step.um.import', 'certInspector.step.um.enable', 'certInspector.step.restart'],
    );
    assert.match(mbx.steps[3].command!, /-Services UM$/);
    assert.equal(mbx.steps[4].command, "Get-Service -ComputerName 'ex01.contoso.com' -Name MSExchangeUM | Restart-Service");
    assert.equal(mbx.steps[4].restart, true);
    assert.equal(cas.steps[4].command, "Get-Service -ComputerName 'cas01.contoso.com' -Name MSExchangeUMCR | Restart-Service");
    // The names requested again are the certificate's DNS names (not its IP), quoted.
    assert.match(mbx.steps[0].command!, /-DomainName 'um01\.contoso\.com','um\.contoso\.com' /);
  });
  test('the purpose of a certificate in use, from its bindings', () => {
    assert.deepEqual(purposeOfUsage('exchange', ['IIS', 'UM', 'UMCallRouter'], 'ex01'), { purpose: 'um', target: { services: ['UM', 'UMCallRouter'] } });
    assert.deepEqual(purposeOfUsage('exchange', ['SMTP'], 'Microsoft Exchange Server Auth Certificate'), { purpose: 'oauth', target: { side: 'exchange' } });
    assert.equal(purposeOfUsage('exchange', ['IIS', 'SMTP'], 'mail.contoso.com'), null);
    assert.deepEqual(purposeOfUsage('skype', ['Default'], 'fe01'), { purpose: 'skype-frontend', target: {} });
    assert.deepEqual(purposeOfUsage('skype', ['OAuthTokenIssuer'], 'contoso.com'), { purpose: 'oauth', target: { side: 'skype' } });
  });

  describe('each command, parsed by PowerShell and held to the cmdlet reference', { skip: NO_PWSH }, () => {
    const commands = plans.flatMap((p) => p.steps.filter((s) => s.command !== null).map((s) => ({ side: s.side, text: s.command! })));
    let parsed: Parsed[];
    before(() => {
      parsed = parseWithPowerShell(commands.map((c) => c.text));
    });
    test('no parse error; the hostile subject stays one single-quoted string', () => {
      assert.ok(commands.length >= 15);
      parsed.forEach((p, i) => assert.deepEqual(p.errors, [], commands[i].text));
      const request = parsed[0];
      const args = request.statements[0].elements![0].args!;
      const value = args[args.findIndex((a) => a.name === 'SubjectName') + 1];
      assert.equal(value?.quote, 'SingleQuoted');
      assert.equal(value?.value, `CN=${cert.subjectCommonName}`);
      assert.equal(request.statements.length, 1);
    });
    test('every cmdlet and parameter exists on the versions it runs on', () => {
      const problems: string[] = [];
      const checked = new Set<string>();
      const walk = (p: Parsed, side: string) => {
        for (const st of p.statements)
          for (const el of st.elements ?? []) {
            if (el.type !== 'CommandAst') continue;
            const name = el.name?.value ?? '?';
            if (WINDOWS.has(name.toLowerCase())) continue;
            const ref = cmdletReference(name);
            if (!ref) {
              problems.push(`${name}: not in the cmdlet reference`);
              continue;
            }
            checked.add(ref.name);
            const versions = ref.product === 'windows' ? [] : (VERSIONS[side] ?? []).filter((v) => v.startsWith(ref.product === 'exchange' ? 'Exchange' : '') || ref.product === 'skype');
            for (const a of el.args ?? []) {
              if (a.type !== 'CommandParameterAst') continue;
              const param = ref.parameters.find((x) => x.name.toLowerCase() === (a.name ?? '').toLowerCase());
              if (!param && ref.parameters.length > 0) problems.push(`${name} has no -${a.name}`);
              else if (param) for (const v of versions) if (!param.versions.includes(v)) problems.push(`${name} -${a.name} not on ${v}`);
            }
          }
      };
      parsed.forEach((p, i) => walk(p, commands[i].side));
      assert.deepEqual(problems, []);
      assert.deepEqual([...checked].sort(), [
        'Enable-ExchangeCertificate',
        'Get-Service',
        'Import-ExchangeCertificate',
        'New-ExchangeCertificate',
        'Request-CsCertificate',
        'Restart-Service',
        'Set-AuthConfig',
        'Set-CsCertificate',
      ]);
      // The check bites: a parameter the reference does not list is reported.
      const wrong = parseWithPowerShell(["Enable-ExchangeCertificate -Thumbprint 'x' -Services UM -Restart"]);
      const before = problems.length;
      walk(wrong[0], 'exchange');
      assert.deepEqual(problems.slice(before), ['Enable-ExchangeCertificate has no -Restart']);
    });
  });
});
