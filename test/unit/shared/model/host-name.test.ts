import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalIpLiteral, isIpLiteral, isIpv4Literal, isIpv6Literal, isName, type NameForm, nameProblem } from '../../../../shared/model/host-name';
import { seededRandom } from '../../../support/seeded-random';

const FORMS: readonly NameForm[] = ['host', 'address', 'server', 'url'];

/** Where a character is put to test it, per form: inside a label (for a URL: inside its host). */
const inside = (form: NameForm, c: string) => (form === 'url' ? `https://ab${c}cd.litwareinc.com/x` : `ab${c}cd.litwareinc.com`);

/** The characters the brief of every form refuses: control characters, white space, quotes, and PowerShell's metacharacters. */
const NEVER = [
  '\r',
  '\n',
  '\0',
  '\t',
  '\v',
  '\f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u200b',
  ' ',
  '\u00a0',
  '\u3000',
  "'",
  '"',
  '\u2018',
  '\u2019',
  '\u201a',
  '\u201b',
  '\u201c',
  '\u201d',
  '$',
  ';',
  '#',
  '`',
  '<',
  '>',
  '|',
  '&',
  '(',
  ')',
  '\\',
  '/',
  '*',
  '?',
  ',',
  '=',
  '+',
];

describe('names that cannot be host names', () => {
  test('every character the brief lists is refused in every form, inside a label and at either end', () => {
    for (const form of FORMS) {
      for (const c of NEVER) {
        for (const value of [inside(form, c), form === 'url' ? `https://${c}ab.litwareinc.com` : `${c}ab.litwareinc.com`, form === 'url' ? `https://ab.litwareinc.com${c}` : `ab.litwareinc.com${c}`]) {
          // In a URL, `/` ends the host and starts the path, where RFC 3986 allows `/` and its sub-delimiters.
          if (form === 'url' && c === '/' && !value.startsWith('https:///')) continue;
          assert.ok(!isName(value, form), `${form}: ${JSON.stringify(value)} accepted`);
        }
      }
    }
  });

  test('every ASCII character: which ones a host name holds (letters, digits, hyphen, underscore; dots between labels)', () => {
    const accepted: Record<NameForm, string> = { host: '', address: '', server: '', url: '' };
    for (let code = 0; code < 128; code++) {
      const c = String.fromCharCode(code);
      for (const form of FORMS) if (isName(form === 'server' ? `ab${c}cd` : inside(form, c), form)) accepted[form] += c;
    }
    const dns = '-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
    assert.equal(accepted.host, dns);
    assert.equal(accepted.address, dns);
    assert.equal(accepted.url, '-./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz', 'in a URL, `/` ends the host');
    // A NetBIOS computer name also holds ! @ % ^ { } ~ (Microsoft's naming conventions, less PowerShell's $ # & ( ) ' and the period).
    assert.equal(accepted.server, '!%-.0123456789@ABCDEFGHIJKLMNOPQRSTUVWXYZ^_abcdefghijklmnopqrstuvwxyz{}~');
  });

  test('every control character (C0, DEL, C1), and the line separators, are refused and named by code point', () => {
    const controls = [...Array(0x20).keys(), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i), 0x2028, 0x2029].map((n) => String.fromCharCode(n));
    for (const c of controls) {
      for (const form of FORMS) {
        const p = nameProblem(inside(form, c), form);
        assert.equal(p?.reason, 'control', `${form} U+${c.charCodeAt(0).toString(16)}`);
        assert.match((p as { char: string }).char, /^U\+[0-9A-F]{4}$/);
      }
    }
    assert.deepEqual(nameProblem('a\r\nb.x', 'host'), { reason: 'control', char: 'U+000D' });
    assert.deepEqual(nameProblem('a b.x', 'host'), { reason: 'space', char: 'U+0020' });
    assert.deepEqual(nameProblem("a'b.x", 'host'), { reason: 'character', char: '"\'"' });
  });

  test('letters of any script are letters (the Windows DNS server takes UTF-8 names); symbols are not', () => {
    assert.ok(isName('bürо-01.contoso.com', 'host'));
    assert.ok(isName('サーバー.contoso.com', 'host'));
    assert.ok(isName('SRV_01', 'server'));
    assert.ok(!isName('srv€.contoso.com', 'host'));
    assert.ok(!isName('srv™.contoso.com', 'host'));
  });

  test('lengths: 63 characters per label, 253 per name (a trailing dot aside), 15 for a NetBIOS name', () => {
    const label = (n: number) => 'a'.repeat(n);
    assert.ok(isName(`${label(63)}.com`, 'host'));
    assert.deepEqual(nameProblem(`${label(64)}.com`, 'host'), { reason: 'label' });
    const long = [label(63), label(63), label(63), label(61)].join('.');
    assert.equal(long.length, 253);
    assert.ok(isName(long, 'host'));
    assert.ok(isName(`${long}.`, 'host'));
    assert.deepEqual(nameProblem(`${long}a`, 'host'), { reason: 'length', length: 254, max: 253 });
    for (const v of ['a..b', '.a', 'a.b..', '..']) assert.deepEqual(nameProblem(v, 'host'), { reason: 'label' }, v);
    assert.deepEqual(nameProblem('', 'host'), { reason: 'empty' });
    assert.ok(isName('EX!01', 'server'));
    assert.ok(isName('SERVER!0123456Z', 'server'));
    assert.deepEqual(nameProblem('SERVER!01234567Z', 'server'), { reason: 'length', length: 16, max: 15 });
    assert.equal(nameProblem('ex!01.contoso.com', 'server')?.reason, 'character', 'a NetBIOS character in a DNS name');
    assert.ok(isName('ATL-EX-001', 'server'));
    assert.ok(isName('10.0.0.5', 'server'), 'PSComputerName when the session was opened to an address');
    assert.ok(isName('fe80::1', 'server'));
    assert.ok(isName('atl-exchange-001.litwareinc.com', 'server'));
  });

  test('addresses: IPv4 and IPv6 literals, or host names', () => {
    for (const ok of ['10.0.0.50', '0.0.0.0', '255.255.255.255', '2001:db8::1', '::', '::1', '[2001:db8::1]', 'fe80::1:2:3:4', '1:2:3:4:5:6:7:8', '::ffff:10.0.0.1', '1:2:3:4:5:6:1.2.3.4']) {
      assert.ok(isIpLiteral(ok), ok);
      assert.ok(isName(ok, 'address'), ok);
    }
    for (const bad of ['999.1.1.1', '1.2.3', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', '1.2.3.4::', ':::', 'g::1', '1:2:3:4:5:6:7', '[::1', 'atl-cs-001.litwareinc.com', ''])
      assert.ok(!isIpLiteral(bad), bad);
    assert.deepEqual(nameProblem('1::2::3', 'address'), { reason: 'ip' });
    assert.ok(isName('atl-pstn-gw01.litwareinc.com', 'address'));
    assert.ok(isName('999.1.1.1', 'address'), 'digits and dots are also a host name');
    assert.ok(!isName('10.0.0.1;x', 'address'));
    assert.ok(!isName('2001:db8::1', 'host'), 'a host name is no IPv6 literal');
  });

  test('URLs: http(s), a host name or IP literal, a port, then the characters RFC 3986 allows', () => {
    for (const ok of [
      'https://autodiscover.litwareinc.com/Autodiscover/Autodiscover.xml',
      'HTTPS://autodiscover.litwareinc.com/autodiscover/metadata/json/1',
      'http://10.0.0.5:8080/x?y=1&z=2#f',
      'https://[2001:db8::1]:443/metadata/json/1',
      'https://atl-cs-001.litwareinc.com',
      "https://x.com/a;b=c/(d)/e'f/%20",
    ])
      assert.ok(isName(ok, 'url'), ok);
    assert.deepEqual(nameProblem('ftp://x.com/', 'url'), { reason: 'scheme' });
    assert.deepEqual(nameProblem('autodiscover.litwareinc.com/x', 'url'), { reason: 'scheme' });
    assert.deepEqual(nameProblem('https://x.com:0/', 'url'), { reason: 'port' });
    assert.deepEqual(nameProblem('https://x.com:65536/', 'url'), { reason: 'port' });
    assert.deepEqual(nameProblem('https://x.com:/', 'url'), { reason: 'port' });
    assert.deepEqual(nameProblem('https://user@x.com/', 'url'), { reason: 'character', char: '"@"' });
    assert.deepEqual(nameProblem('https:///x', 'url'), { reason: 'empty' });
    assert.deepEqual(nameProblem('https://[1::2::3]/', 'url'), { reason: 'ip' });
    assert.deepEqual(nameProblem('https://x.com/a\r\nb', 'url'), { reason: 'control', char: 'U+000D' });
    assert.deepEqual(nameProblem('https://x.com/a b', 'url'), { reason: 'space', char: 'U+0020' });
    assert.deepEqual(nameProblem('https://x.com/a`b', 'url'), { reason: 'character', char: '"`"' });
    assert.deepEqual(nameProblem('https://x.com/a"b', 'url'), { reason: 'character', char: '"\\""' });
    assert.deepEqual(nameProblem('https://ab#cd.x.com/', 'url'), { reason: 'character', char: '"#"' }, 'a `#` before the first `/` is in the host');
    assert.deepEqual(nameProblem('https://ab?cd.x.com/', 'url'), { reason: 'character', char: '"?"' });
  });
});

describe("UM IP gateway addresses: every form of Microsoft's -Address examples, and one spelling per address", () => {
  test('the forms of New-UMIPGateway / Set-UMIPGateway -Address examples are addresses: IPv4, IPv6 with a zone index, an FQDN', () => {
    // https://learn.microsoft.com/powershell/module/exchange/new-umipgateway (examples 1-3), .../set-umipgateway (example 3).
    for (const literal of ['10.10.10.1', 'fe80::39bd:88f7:6969:d223%11', '[fe80::1%11]', 'fe80::1%eth0', '::ffff:10.10.10.1', '2001:DB8::1']) {
      assert.ok(isIpLiteral(literal), literal);
      assert.equal(nameProblem(literal, 'address'), null, literal);
      assert.ok(isName(literal, 'server'), literal);
    }
    assert.ok(isName('MyUMIPGateway.contoso.com', 'address'));
    assert.ok(!isIpLiteral('MyUMIPGateway.contoso.com'));
  });

  test('a zone index holds letters, digits, `_`, `.` and `-` only: never a command, never empty; a URL host takes none (RFC 6874 writes %25)', () => {
    for (const bad of ['fe80::1%', 'fe80::1%1;calc', 'fe80::1%1 2', "fe80::1%1'", 'fe80::1%1%2', 'fe80::1%$x', '10.0.0.1%11', '%11']) {
      assert.ok(!isIpLiteral(bad), bad);
      assert.ok(!isName(bad, 'address'), bad);
    }
    assert.deepEqual(nameProblem('fe80::1%1;calc', 'address'), { reason: 'ip' });
    assert.deepEqual(nameProblem('https://[fe80::1%11]/x', 'url'), { reason: 'ip' });
  });

  test('canonicalIpLiteral: one spelling per address (case, leading zeros, `::`, brackets, IPv4-mapped); the zone kept; null for a name', () => {
    const same: [string, string][] = [
      ['::1', '0:0:0:0:0:0:0:1'],
      ['2001:DB8::A', '2001:0db8:0000:0000:0000:0000:0000:000a'],
      ['[2001:db8::1]', '2001:db8::1'],
      ['FE80::39BD:88F7:6969:D223%11', 'fe80:0:0:0:39bd:88f7:6969:d223%11'],
      ['::ffff:10.10.10.1', '10.10.10.1'],
      ['::FFFF:0a0a:0a01', '10.10.10.1'],
      ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ];
    for (const [a, b] of same) assert.equal(canonicalIpLiteral(a), canonicalIpLiteral(b), `${a} = ${b}`);
    assert.equal(canonicalIpLiteral('::1'), '0:0:0:0:0:0:0:1');
    assert.equal(canonicalIpLiteral('::ffff:10.10.10.1'), '10.10.10.1');
    assert.notEqual(canonicalIpLiteral('fe80::1%11'), canonicalIpLiteral('fe80::1%12'), 'another interface, another address');
    assert.notEqual(canonicalIpLiteral('fe80::1%11'), canonicalIpLiteral('fe80::1'));
    assert.notEqual(canonicalIpLiteral('10.10.10.1'), canonicalIpLiteral('10.10.10.2'));
    for (const name of ['pbx.litwareinc.com', '', '1::2::3', 'fe80::1%']) assert.equal(canonicalIpLiteral(name), null, name);
  });

  test('fuzz: every spelling of a random IPv6 address has its canonical form (seeded; 4,000 addresses × 4 spellings)', () => {
    const seed = 0x1175;
    const random = seededRandom(seed);
    const int = (n: number) => Math.floor(random() * n);
    let cases = 0;
    for (let i = 0; i < 4000; i++) {
      // Runs of zero groups make `::` likely; an IPv4-mapped prefix now and then.
      const groups = Array.from({ length: 8 }, () => (random() < 0.4 ? 0 : int(0x10000)));
      if (i % 10 === 0) groups.splice(0, 6, 0, 0, 0, 0, 0, 0xffff);
      const zone = i % 7 === 0 ? `%${int(40)}` : '';
      const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff && zone === '';
      const expected = mapped ? [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.') : groups.map((g) => g.toString(16)).join(':') + zone;
      const full = groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
      // The longest run of zero groups as `::` (RFC 5952 section 4.2.3).
      let best = [-1, 0];
      for (let a = 0; a < 8; a++) {
        let b = a;
        while (b < 8 && groups[b] === 0) b++;
        if (b - a > best[1]) best = [a, b - a];
      }
      const hex = groups.map((g) => g.toString(16));
      const compressed = best[1] >= 1 ? `${hex.slice(0, best[0]).join(':')}::${hex.slice(best[0] + best[1]).join(':')}` : hex.join(':');
      const spellings = [full, full.toUpperCase(), compressed, `[${compressed}]`].map((x) => (x.startsWith('[') ? `[${x.slice(1, -1)}${zone}]` : x + zone));
      for (const spelling of spellings) {
        cases++;
        assert.ok(isIpLiteral(spelling), `seed ${seed}: ${spelling} not read as an IP literal`);
        assert.equal(canonicalIpLiteral(spelling), expected, `seed ${seed}: ${spelling}`);
      }
    }
    assert.equal(cases, 16000);
  });
});

describe('the IP-literal forms the SIP prober and the connection test take from this one predicate', () => {
  test('IPv4: strict refuses leading zeros (a SIP URI host), loose takes them (a gateway -Address)', () => {
    assert.equal(isIpv4Literal('10.1.1.1', true), true);
    assert.equal(isIpv4Literal('010.1.1.1', true), false);
    assert.equal(isIpv4Literal('010.1.1.1'), true);
    assert.equal(isIpv4Literal('256.1.1.1'), false);
    assert.equal(isIpv4Literal('1.2.3'), false);
  });
  test('IPv6: brackets and a zone index only when asked for', () => {
    assert.equal(isIpv6Literal('2001:db8::1'), true);
    assert.equal(isIpv6Literal('[2001:db8::1]'), false);
    assert.equal(isIpv6Literal('[2001:db8::1]', { brackets: true }), true);
    assert.equal(isIpv6Literal('fe80::1%11'), false);
    assert.equal(isIpv6Literal('fe80::1%11', { zone: true }), true);
    assert.equal(isIpv6Literal('1:2:3:4:5:6:7:8:9'), false);
    assert.equal(isIpv6Literal('::ffff:10.0.0.1'), true);
  });
});
