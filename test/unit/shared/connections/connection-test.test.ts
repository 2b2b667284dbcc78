/**
 * Test connection's judge (shared/connections/connection-test.ts) on facts made to show each case:
 * the WSMan client, Kerberos to an address, the jump host outside the domain, the pool's certificate
 * and CRLs, the roles; every text renders in both languages; the commands it shows parse in real
 * PowerShell as one command whose values are the literals given.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  type ConnectionCheck,
  type ConnectionFacts,
  countStatuses,
  exitCodeOf,
  explainMissing,
  judgeConnection,
  type LocalFacts,
  productVersionOf,
  rolesToGrant,
  type ShellImportFacts,
  type TestedProfile,
  type TlsFacts,
  trustedHostsMatch,
  canOpenSessions,
} from '../../../../shared/connections/connection-test';
import { renderMessage } from '../../../../shared/i18n/translate';
import { NO_PWSH, PWSH } from '../../../support/powershell';

const LINUX: LocalFacts = {
  executable: '/opt/pwsh/pwsh',
  error: null,
  version: '7.6.9',
  edition: 'Core',
  os: 'linux',
  osDescription: 'Debian GNU/Linux 12 (bookworm)',
  wsman: 'absent',
  wsmanMessage: 'This parameter set requires WSMan, and no supported WSMan client library was found. WSMan is either not installed or unavailable for this system.',
  winrmService: null,
  partOfDomain: null,
  domain: null,
  userDnsDomain: null,
  account: null,
  trustedHosts: null,
};

const WINDOWS: LocalFacts = {
  ...LINUX,
  executable: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  version: '5.1.20348.2849',
  edition: 'Desktop',
  os: 'windows',
  osDescription: 'Microsoft Windows 10.0.20348',
  wsman: 'present',
  wsmanMessage: 'Connecting to remote server 127.0.0.1 failed',
  winrmService: 'Running',
  partOfDomain: true,
  domain: 'contoso.com',
  userDnsDomain: 'CONTOSO.COM',
  account: 'CONTOSO\\umcadmin',
  trustedHosts: '',
};

const LIVE: TestedProfile = { name: 'Contoso', exchange: 'ex01.contoso.com', skype: 'pool01.contoso.com', authentication: 'kerberos', userName: null, role: 'admin' };
const LAB: TestedProfile = { ...LIVE, name: 'Lab', exchange: 'lab:', skype: 'lab:' };

function opened(shell: 'exchange' | 'skype', missing: string[] = [], serverVersion: string | null = null, account: string | null = null): ShellImportFacts {
  return {
    shell,
    outcome: 'open',
    error: null,
    failure: null,
    requested: shell === 'exchange' ? ['Get-ExchangeServer', 'Get-UMService', 'Get-UMServer', 'Get-OrganizationConfig'] : ['Get-CsPool', 'Get-CsCertificate', 'New-CsExUmContact'],
    missing,
    serverVersion: serverVersion ?? (shell === 'exchange' ? 'Version 15.1 (Build 2507.6)' : 'Skype for Business Server 2015 (6.0.9319.0): Volume license key installed.'),
    account,
    reused: false,
  };
}

const notTried = (shell: 'exchange' | 'skype'): ShellImportFacts => ({
  shell,
  outcome: 'not-tried',
  error: null,
  failure: null,
  requested: [],
  missing: [],
  serverVersion: null,
  account: null,
  reused: false,
});

function goodTls(over: Partial<TlsFacts> = {}): TlsFacts {
  return {
    shell: 'skype',
    host: 'pool01.contoso.com',
    port: 443,
    outcome: 'ok',
    error: null,
    chainError: null,
    nameError: null,
    subject: 'CN=pool01.contoso.com',
    issuer: 'CN=Contoso Issuing CA',
    notAfter: '2027-01-01T00:00:00.000Z',
    names: ['DNS:pool01.contoso.com'],
    trust: 'system',
    chain: [
      { subject: 'CN=pool01.contoso.com', crlUrls: ['http://pki.contoso.com/issuing.crl', 'ldap:///CN=Contoso%20Issuing%20CA'] },
      { subject: 'CN=Contoso Issuing CA', crlUrls: ['http://pki.contoso.com/root.crl'] },
    ],
    crls: [
      {
        certificate: 'CN=pool01.contoso.com',
        url: 'http://pki.contoso.com/issuing.crl',
        outcome: 'ok',
        httpStatus: 200,
        error: null,
        bytes: 812,
        thisUpdate: '2026-11-01T00:00:00.000Z',
        nextUpdate: '2026-11-08T00:00:00.000Z',
        revoked: false,
      },
      {
        certificate: 'CN=pool01.contoso.com',
        url: 'ldap:///CN=Contoso%20Issuing%20CA',
        outcome: 'not-fetched',
        httpStatus: null,
        error: null,
        bytes: 0,
        thisUpdate: null,
        nextUpdate: null,
        revoked: false,
      },
      {
        certificate: 'CN=Contoso Issuing CA',
        url: 'http://pki.contoso.com/root.crl',
        outcome: 'ok',
        httpStatus: 200,
        error: null,
        bytes: 511,
        thisUpdate: '2026-10-01T00:00:00.000Z',
        nextUpdate: '2027-04-01T00:00:00.000Z',
        revoked: false,
      },
    ],
    ...over,
  };
}

function facts(local: LocalFacts, over: Partial<ConnectionFacts> = {}): ConnectionFacts {
  return { local, tls: { skype: goodTls() }, imports: { exchange: opened('exchange'), skype: opened('skype') }, ...over };
}

const byId = (checks: readonly ConnectionCheck[], id: string) => {
  const c = checks.find((x) => x.id === id);
  assert.ok(c, `check ${id} in ${checks.map((x) => x.id).join(', ')}`);
  return c;
};
const en = (c: ConnectionCheck) => ({
  title: renderMessage('en', c.title),
  detail: renderMessage('en', c.detail),
  items: c.items.map((i) => renderMessage('en', i)),
  fix: c.fix ? renderMessage('en', c.fix) : null,
});

describe('Test connection: the checks and their order', () => {
  test('a live profile on a domain-joined Windows jump host with everything in place: every check ok, in order', () => {
    const checks = judgeConnection(LIVE, facts(WINDOWS));
    assert.deepEqual(
      checks.map((c) => c.id),
      ['wsman', 'kerberos-ip', 'jump-host', 'certificate.skype', 'crl.skype', 'rbac.exchange', 'rbac.skype'],
    );
    assert.deepEqual(
      checks.map((c) => `${c.id}:${c.status}`),
      checks.map((c) => `${c.id}:ok`),
    );
    assert.equal(exitCodeOf(checks), 0);
    assert.deepEqual(countStatuses(checks), { ok: 7, warning: 0, error: 0, 'not-judged': 0 });
    assert.match(en(byId(checks, 'jump-host')).detail, /Joined to contoso\.com, signed in to CONTOSO\.COM as CONTOSO\\umcadmin/);
  });

  test('an https Exchange URI gets its own certificate and CRL checks; the default http one has none', () => {
    const p = { ...LIVE, exchange: 'https://ex01.contoso.com/PowerShell/' };
    const ids = judgeConnection(p, facts(WINDOWS, { tls: { skype: goodTls(), exchange: goodTls({ shell: 'exchange', host: 'ex01.contoso.com' }) } })).map((c) => c.id);
    assert.deepEqual(ids, ['wsman', 'kerberos-ip', 'jump-host', 'certificate.exchange', 'crl.exchange', 'certificate.skype', 'crl.skype', 'rbac.exchange', 'rbac.skype']);
  });
});

describe('WSMan client', () => {
  test('PowerShell 7 on Linux has none: an error quoting PowerShell, with the Windows jump host / lab fix', () => {
    const c = byId(judgeConnection(LIVE, facts(LINUX, { imports: { exchange: notTried('exchange'), skype: notTried('skype') } })), 'wsman');
    assert.equal(c.status, 'error');
    const t = en(c);
    assert.match(t.detail, /PowerShell 7\.6\.9 \(Core\) on Linux \(Debian GNU\/Linux 12 \(bookworm\)\) has no WSMan client library/);
    assert.ok(t.detail.includes('no supported WSMan client library was found'), t.detail);
    assert.match(t.fix!, /Windows jump host.*Windows PowerShell 5\.1.*lab endpoint \(lab:\)/);
    assert.equal(c.source, 'https://github.com/PowerShell/PowerShell/issues/12674');
  });

  test('the lab endpoint needs none: not judged, saying what this PowerShell has', () => {
    const c = byId(judgeConnection(LAB, facts(LINUX)), 'wsman');
    assert.equal(c.status, 'not-judged');
    assert.match(en(c).detail, /no Windows remoting is needed.*has no WSMan client library/);
  });

  test('no PowerShell at all: an error for a live profile, not judged for the lab', () => {
    const none = { ...LINUX, executable: null };
    assert.equal(byId(judgeConnection(LIVE, facts(none)), 'wsman').status, 'error');
    assert.equal(byId(judgeConnection(LAB, facts(none)), 'wsman').status, 'not-judged');
    assert.equal(renderMessage('en', canOpenSessions(none, LAB, 'exchange')!), 'No PowerShell was found on this computer, so no session can be opened.');
  });

  test('Windows with the WinRM service stopped: a warning with the two commands to start it', () => {
    const c = byId(judgeConnection(LIVE, facts({ ...WINDOWS, winrmService: 'Stopped' })), 'wsman');
    assert.equal(c.status, 'warning');
    assert.deepEqual(c.commands, ['Set-Service -Name WinRM -StartupType Automatic', 'Start-Service -Name WinRM']);
    assert.match(en(c).detail, /WinRM service is Stopped/);
  });

  test('the sessions are not tried where they cannot open: no WSMan for a live endpoint', () => {
    assert.ok(canOpenSessions(LINUX, LIVE, 'skype'));
    assert.equal(canOpenSessions(LINUX, LAB, 'skype'), null);
    assert.equal(canOpenSessions(WINDOWS, LIVE, 'skype'), null);
    const c = byId(
      judgeConnection(LIVE, facts(LINUX, { imports: { exchange: { ...notTried('exchange'), error: canOpenSessions(LINUX, LIVE, 'exchange') }, skype: notTried('skype') } })),
      'rbac.exchange',
    );
    assert.equal(c.status, 'not-judged');
    assert.match(en(c).detail, /was not opened: this PowerShell has no WSMan client/);
  });
});

describe('Kerberos to an IP address', () => {
  test('names: ok', () => {
    const c = byId(judgeConnection(LIVE, facts(WINDOWS)), 'kerberos-ip');
    assert.equal(c.status, 'ok');
    assert.match(en(c).detail, /ex01\.contoso\.com, pool01\.contoso\.com: names/);
  });

  test('an Exchange URI with an address: refused (Kerberos only), with the FQDN fix and the Microsoft page', () => {
    const c = byId(judgeConnection({ ...LIVE, exchange: 'http://10.0.0.5/PowerShell/' }, facts(WINDOWS)), 'kerberos-ip');
    assert.equal(c.status, 'error');
    assert.equal(c.items.length, 1);
    assert.match(en(c).items[0]!, /10\.0\.0\.5 is an IP address, and the Exchange endpoint is opened with Kerberos only/);
    assert.match(en(c).fix!, /fully qualified names/);
    assert.equal(c.source, 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_remote_troubleshooting');
  });

  test('a Skype pool by address: an error without a credential, a warning with one (NTLM over HTTPS)', () => {
    const p = { ...LIVE, skype: 'https://10.0.0.9/OcsPowershell' };
    assert.equal(byId(judgeConnection(p, facts(WINDOWS)), 'kerberos-ip').status, 'error');
    const withCredential = byId(judgeConnection({ ...p, authentication: 'credential', userName: 'CONTOSO\\ops' }, facts(WINDOWS)), 'kerberos-ip');
    assert.equal(withCredential.status, 'warning');
    assert.match(en(withCredential).items[0]!, /NTLM with the stored credential over HTTPS/);
  });

  test('the lab: not judged', () => {
    assert.equal(byId(judgeConnection(LAB, facts(LINUX)), 'kerberos-ip').status, 'not-judged');
  });
});

describe('the jump host outside the domain', () => {
  test('not judged off Windows', () => {
    const c = byId(judgeConnection({ ...LIVE, exchange: 'lab:' }, facts({ ...LINUX, wsman: 'present' })), 'jump-host');
    assert.equal(c.status, 'not-judged');
  });

  test('a workgroup computer with the Windows identity: an error, Kerberos cannot be used', () => {
    const c = byId(judgeConnection(LIVE, facts({ ...WINDOWS, partOfDomain: false, domain: 'WORKGROUP', userDnsDomain: null, account: 'JUMP01\\admin' })), 'jump-host');
    assert.equal(c.status, 'error');
    assert.match(en(c).detail, /not joined to a domain \(workgroup WORKGROUP\)/);
    assert.match(en(c).fix!, /domain-joined jump host, or store a credential/);
  });

  test('a domain computer signed in with a local account: an error (no ticket)', () => {
    const c = byId(judgeConnection(LIVE, facts({ ...WINDOWS, userDnsDomain: null, account: 'JUMP01\\admin' })), 'jump-host');
    assert.equal(c.status, 'error');
    assert.match(en(c).detail, /JUMP01\\admin is a local account/);
  });

  test('a workgroup computer with a credential: the HTTP Exchange server must be in TrustedHosts; the command keeps the current list', () => {
    const p: TestedProfile = { ...LIVE, authentication: 'credential', userName: 'CONTOSO\\ops' };
    const workgroup = { ...WINDOWS, partOfDomain: false, domain: 'WORKGROUP', userDnsDomain: null, trustedHosts: 'mgmt01.contoso.com' };
    const c = byId(judgeConnection(p, facts(workgroup)), 'jump-host');
    assert.equal(c.status, 'warning');
    assert.match(en(c).detail, /ex01\.contoso\.com is not \(TrustedHosts: “mgmt01\.contoso\.com”\)/);
    assert.deepEqual(c.commands, ["Set-Item -Path 'WSMan:\\localhost\\Client\\TrustedHosts' -Value 'mgmt01.contoso.com, ex01.contoso.com'"]);
    // Already trusted (by a wildcard): ok. The pool is HTTPS and needs no entry.
    const trusted = byId(judgeConnection(p, facts({ ...workgroup, trustedHosts: '*.contoso.com' })), 'jump-host');
    assert.equal(trusted.status, 'ok');
  });

  test('TrustedHosts matching: names, wildcards, case', () => {
    assert.ok(trustedHostsMatch('*.contoso.com', 'ex01.contoso.com'));
    assert.ok(trustedHostsMatch('a.b, EX01.contoso.com', 'ex01.contoso.com'));
    assert.ok(trustedHostsMatch('*', 'anything'));
    assert.ok(!trustedHostsMatch('ex01.contoso.com', 'ex02.contoso.com'));
    assert.ok(!trustedHostsMatch('ex01.contoso.com', 'ex01xcontoso.com'));
    assert.ok(!trustedHostsMatch(null, 'ex01.contoso.com'));
  });
});

describe('the pool’s web certificate and its CRLs', () => {
  const checks = (t: TlsFacts | undefined) => judgeConnection(LIVE, facts(WINDOWS, { tls: t ? { skype: t } : {} }));

  test('trusted, named, every HTTP CRL fetched (the LDAP one listed, not fetched): ok', () => {
    const all = checks(goodTls());
    assert.equal(byId(all, 'certificate.skype').status, 'ok');
    const crl = byId(all, 'crl.skype');
    assert.equal(crl.status, 'ok');
    assert.equal(crl.items.length, 3);
    assert.match(en(crl).items[1]!, /not fetched \(LDAP/);
  });

  test('an untrusted chain, a wrong name, an expired certificate: errors, each with its fix', () => {
    const untrusted = byId(checks(goodTls({ chainError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' })), 'certificate.skype');
    assert.equal(untrusted.status, 'error');
    assert.match(en(untrusted).detail, /not trusted by this computer’s trusted root certificates: UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    assert.match(en(untrusted).fix!, /Trusted Root Certification Authorities/);
    const name = byId(checks(goodTls({ nameError: 'not in the altnames' })), 'certificate.skype');
    assert.equal(name.status, 'error');
    assert.match(en(name).fix!, /Set-CsCertificate -Type WebServicesInternal/);
    const expired = byId(checks(goodTls({ chainError: 'CERT_HAS_EXPIRED' })), 'certificate.skype');
    assert.match(en(expired).detail, /not valid today: CERT_HAS_EXPIRED/);
  });

  test('the pool does not answer: an error, and its CRLs are not judged', () => {
    const all = checks(goodTls({ outcome: 'unreachable', error: 'connect ECONNREFUSED', subject: null, chain: [], crls: [] }));
    assert.equal(byId(all, 'certificate.skype').status, 'error');
    assert.match(en(byId(all, 'certificate.skype')).detail, /pool01\.contoso\.com:443 did not answer: connect ECONNREFUSED/);
    assert.equal(byId(all, 'crl.skype').status, 'not-judged');
  });

  test('the only CRL of the leaf cannot be fetched: an error naming the CRL host; a second one that works: a warning', () => {
    const t = goodTls();
    const down = { ...t.crls[0]!, outcome: 'unreachable' as const, error: 'connect ECONNREFUSED', httpStatus: null, bytes: 0, nextUpdate: null };
    const c = byId(checks({ ...t, crls: [down, t.crls[1]!, t.crls[2]!] }), 'crl.skype');
    assert.equal(c.status, 'error');
    assert.match(en(c).detail, /for CN=pool01\.contoso\.com none could/);
    assert.match(en(c).fix!, /reach pki\.contoso\.com over HTTP/);
    const second = { ...t.crls[0]!, url: 'http://pki2.contoso.com/issuing.crl' };
    assert.equal(byId(checks({ ...t, crls: [down, second, t.crls[2]!] }), 'crl.skype').status, 'warning');
  });

  test('a revoked certificate: an error', () => {
    const t = goodTls();
    const c = byId(checks({ ...t, crls: [{ ...t.crls[0]!, revoked: true }, t.crls[2]!] }), 'crl.skype');
    assert.equal(c.status, 'error');
    assert.match(en(c).detail, /revoked CN=pool01\.contoso\.com/);
  });

  test('no CRL distribution point on the leaf: a warning', () => {
    const t = goodTls();
    const c = byId(checks({ ...t, chain: [{ subject: 'CN=pool01.contoso.com', crlUrls: [] }], crls: [] }), 'crl.skype');
    assert.equal(c.status, 'warning');
  });

  test('the lab: not judged, nothing contacted', () => {
    const all = judgeConnection(LAB, facts(LINUX, { tls: {} }));
    for (const id of ['certificate.skype', 'crl.skype']) {
      assert.equal(byId(all, id).status, 'not-judged');
      assert.equal(en(byId(all, id)).detail, 'Lab endpoint: no server, nothing to check here.');
    }
  });
});

describe('the account’s roles', () => {
  test('product versions from what the sessions report', () => {
    assert.equal(productVersionOf('exchange', 'Version 14.3 (Build 123.4)'), 'Exchange2010');
    assert.equal(productVersionOf('exchange', 'Version 15.0 (Build 1497.2)'), 'Exchange2013');
    assert.equal(productVersionOf('exchange', 'Version 15.1 (Build 2507.6)'), 'Exchange2016');
    assert.equal(productVersionOf('exchange', 'Version 15.2 (Build 1118.7)'), 'Exchange2019');
    assert.equal(productVersionOf('skype', 'Skype for Business Server 2015 (6.0.9319.0): Volume license key installed.'), 'SfB2015');
    assert.equal(productVersionOf('skype', 'Lync Server 2013 (topology version 5)'), 'Lync2013');
    assert.equal(productVersionOf('skype', 'Skype for Business Server 2019 (7.0.2046.0)'), 'SfB2019');
    assert.equal(productVersionOf('exchange', null), null);
  });

  test('a cmdlet this version lacks is not a role matter; one the roles do not grant is, with the roles that do', () => {
    const explained = explainMissing('exchange', ['Get-UMServer', 'Get-UMService'], 'Version 15.1 (Build 2507.6)');
    assert.deepEqual(
      explained.map((c) => [c.cmdlet, c.why, c.sections]),
      [
        ['Get-UMServer', 'version', explained[0]!.sections],
        ['Get-UMService', 'role', ['exchange.umServices']],
      ],
    );
    assert.ok(explained[1]!.roles.includes('UM Management'), explained[1]!.roles.join());
    assert.deepEqual(rolesToGrant(explained), ['View-Only Organization Management']);
  });

  test('Exchange: a withheld cmdlet → a warning listing it, its section and role, and Add-RoleGroupMember for the account', () => {
    const c = byId(
      judgeConnection(LAB, facts(LINUX, { imports: { exchange: opened('exchange', ['Get-UMServer', 'Get-UMService'], null, 'LITWAREINC\\umcadmin'), skype: opened('skype') } })),
      'rbac.exchange',
    );
    assert.equal(c.status, 'warning');
    const t = en(c);
    assert.match(t.detail, /the account is not granted 1 of the 4 cmdlets the console uses \(Exchange 2016, as LITWAREINC\\umcadmin\)/);
    assert.match(t.items.join('\n'), /Get-UMServer: not in Exchange 2016 \(only Exchange 2010\)/);
    assert.match(t.items.join('\n'), /Get-UMService: not granted — reads exchange\.umServices; granted by .*UM Management/);
    assert.deepEqual(c.commands, ["Add-RoleGroupMember -Identity 'View-Only Organization Management' -Member 'LITWAREINC\\umcadmin'"]);
  });

  test('the server’s version unknown: each missing cmdlet is "not in this version, or not granted", and an unknown account gets words, no command', () => {
    assert.deepEqual(
      explainMissing('exchange', ['Get-UMService'], null).map((c) => c.why),
      ['either'],
    );
    const unknown: ShellImportFacts = { ...opened('exchange', ['Get-UMService']), serverVersion: null };
    const c = byId(judgeConnection(LAB, facts(LINUX, { imports: { exchange: unknown, skype: opened('skype') } })), 'rbac.exchange');
    assert.equal(c.status, 'warning');
    assert.match(en(c).items[0]!, /Get-UMService: not imported — not in this version, or not granted; reads exchange\.umServices; exists in Exchange 2013, Exchange 2016/);
    assert.match(en(c).detail, /\(version not known, as the account the console signs in with\)/);
    assert.match(en(c).fix!, /add the account the console signs in with to the role group View-Only Organization Management/);
    assert.deepEqual(c.commands, []);
  });

  test('only version gaps: ok (the console reads around them)', () => {
    const c = byId(judgeConnection(LAB, facts(LINUX, { imports: { exchange: opened('exchange', ['Get-UMServer']), skype: opened('skype') } })), 'rbac.exchange');
    assert.equal(c.status, 'ok');
    assert.equal(c.items.length, 1);
  });

  test('a session that does not open: an error with the reason and a fix for its kind', () => {
    const failed: ShellImportFacts = {
      ...opened('skype'),
      outcome: 'failed',
      error: { key: 'ps.open.auth', params: { shell: { key: 'shell.skype' }, endpoint: 'https://pool01.contoso.com/OcsPowershell', detail: 'Access is denied.' } },
      failure: 'auth',
    };
    const c = byId(judgeConnection(LIVE, facts(WINDOWS, { imports: { exchange: opened('exchange'), skype: failed } })), 'rbac.skype');
    assert.equal(c.status, 'error');
    assert.match(en(c).detail, /could not be opened: .*refused the credentials: Access is denied\./);
    assert.match(en(c).fix!, /user name and password/);
  });
});

describe('texts', () => {
  const cases: ConnectionCheck[] = [
    ...judgeConnection(LIVE, facts(WINDOWS)),
    ...judgeConnection(LAB, facts(LINUX, { imports: { exchange: opened('exchange', ['Get-UMService'], null, 'LITWAREINC\\umcadmin'), skype: opened('skype', ['Get-CsCertificate']) } })),
    ...judgeConnection(
      { ...LIVE, exchange: 'http://10.0.0.5/PowerShell/', authentication: 'credential', userName: 'CONTOSO\\ops' },
      facts({ ...WINDOWS, partOfDomain: false, winrmService: 'Stopped' }),
    ),
    ...judgeConnection(LIVE, facts(LINUX, { tls: { skype: goodTls({ chainError: 'SELF_SIGNED_CERT_IN_CHAIN' }) } })),
  ];

  test('every check renders in English and French with every placeholder filled', () => {
    for (const language of ['en', 'fr'] as const) {
      for (const c of cases) {
        for (const m of [c.title, c.detail, ...c.items, ...(c.fix ? [c.fix] : [])]) {
          const text = renderMessage(language, m);
          assert.ok(!/\{\w+\}/.test(text), `${language} ${c.id}: ${text}`);
          assert.ok(!text.startsWith('connectTest.'), `${language} ${c.id}: a key without text: ${text}`);
        }
      }
    }
    assert.match(renderMessage('fr', cases[0]!.title), /Client de communication à distance Windows/);
  });

  test('the commands shown parse in real PowerShell as one command, every value the literal given', { skip: NO_PWSH }, () => {
    // Hostile values: an account and a TrustedHosts list with quotes, `;`, `$()` and a newline stay one literal each.
    const hostile = "CONTOSO\\o'brien;$(Remove-Item C:\\)\nx";
    const p: TestedProfile = { ...LIVE, authentication: 'credential', userName: 'CONTOSO\\ops' };
    const exchange = judgeConnection(
      LAB,
      facts(LINUX, { imports: { exchange: opened('exchange', ['Get-UMService'], null, hostile), skype: opened('skype', ['New-CsExUmContact'], null, "CONTOSO\\o'brien;$(x)\nx") } }),
    );
    const trusted = judgeConnection(p, facts({ ...WINDOWS, partOfDomain: false, trustedHosts: "a.contoso.com, b';$(x)" }));
    const stopped = judgeConnection(LIVE, facts({ ...WINDOWS, winrmService: 'Stopped' }));
    const commands = [...exchange, ...trusted, ...stopped].flatMap((c) => c.commands);
    assert.ok(
      commands.some((c) => c.startsWith('Add-RoleGroupMember')),
      commands.join('\n'),
    );
    assert.ok(
      commands.some((c) => c.startsWith('Add-ADGroupMember')),
      commands.join('\n'),
    );
    assert.ok(
      commands.some((c) => c.startsWith('Set-Item')),
      commands.join('\n'),
    );
    const script = `
$texts = [Console]::In.ReadToEnd() | ConvertFrom-Json
$out = foreach ($t in $texts) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput($t, [ref]$tokens, [ref]$errors)
  $cmds = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true))
  $values = @($cmds[0].CommandElements | Where-Object { $_ -isnot [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object {
    if ($_ -is [System.Management.Automation.Language.StringConstantExpressionAst]) { [string]$_.StringConstantType + ':' + $_.Value } else { 'other:' + $_.Extent.Text }
  })
  [pscustomobject]@{ errors = @($errors).Count; statements = $ast.EndBlock.Statements.Count; commands = $cmds.Count; values = $values }
}
ConvertTo-Json -InputObject @($out) -Depth 4 -Compress
`;
    const r = spawnSync(PWSH!, ['-NoProfile', '-NonInteractive', '-Command', script], { input: JSON.stringify(commands), encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as { errors: number; statements: number; commands: number; values: string[] }[];
    for (const [i, p2] of parsed.entries()) {
      assert.equal(p2.errors, 0, commands[i]);
      assert.equal(p2.statements, 1, commands[i]);
      assert.equal(p2.commands, 1, commands[i]);
      // The command name is a bare word; every argument a single-quoted literal or a bare word (WinRM, Automatic).
      assert.ok(
        p2.values.every((v) => v.startsWith('BareWord:') || v.startsWith('SingleQuoted:')),
        `${commands[i]} → ${p2.values.join(' | ')}`,
      );
    }
    const role = parsed[commands.findIndex((c) => c.startsWith('Add-RoleGroupMember'))]!;
    assert.deepEqual(role.values, ['BareWord:Add-RoleGroupMember', 'SingleQuoted:View-Only Organization Management', `SingleQuoted:${hostile}`]);
    assert.deepEqual(parsed[commands.findIndex((c) => c.startsWith('Add-ADGroupMember'))]!.values, ['BareWord:Add-ADGroupMember', 'SingleQuoted:CsUserAdministrator', "SingleQuoted:o'brien;$(x)\nx"]);
    const trustedIndex = commands.findIndex((c) => c.startsWith('Set-Item'));
    assert.deepEqual(parsed[trustedIndex]!.values, ['BareWord:Set-Item', 'SingleQuoted:WSMan:\\localhost\\Client\\TrustedHosts', "SingleQuoted:a.contoso.com, b';$(x), ex01.contoso.com"]);
  });
});
