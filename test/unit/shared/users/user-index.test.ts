/** The user index: the join of THE RULES, prefix search on each field, case, truncation, mailbox-only users, blank queries. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildUserIndex, joinUser, matchUsers, resolveExact, searchUsers, userByEmail, userBySip } from '../../../../shared/users/user-index';
import { healthyOrg, orgWithUsers, skypeUser, umMailbox } from '../../../support/user-fixtures';

const org = orgWithUsers(
  [skypeUser('zoe.lambert', { displayName: 'Zoé Lambert', ext: '2001' }), skypeUser('upn.only', { displayName: 'Upn Only', ext: '2002' })],
  [
    umMailbox('zoe.lambert', { displayName: 'Zoé Lambert', ext: '2001', emailAddresses: ['SMTP:zoe.lambert@litwareinc.com', 'smtp:zl@contoso.example', 'SIP:zoe.lambert@litwareinc.com'] }),
    // Joined by UPN only (its SIP halves differ: R-U-04).
    umMailbox('upn.only', { sipResourceIdentifier: 'someone.else@litwareinc.com', emailAddresses: ['SMTP:upn.only@litwareinc.com'], ext: '2002' }),
    // A mailbox no Skype user joins.
    umMailbox('mailbox.only', { displayName: 'Mailbox Only', ext: '2003' }),
  ],
);
const index = buildUserIndex(org);
const names = (q: string, limit = 50) => searchUsers(index, q, limit).matches.map((m) => `${m.displayName}|${m.matchedOn}`);

describe('the join of a Skype user and its UM mailbox', () => {
  test('by SIP resource identifier, by proxy, else by UPN; every mailbox belongs to one user', () => {
    assert.equal(userBySip(index, 'sip:zoe.lambert@litwareinc.com')?.mailbox?.primarySmtpAddress, 'zoe.lambert@litwareinc.com');
    assert.equal(userBySip(index, 'sip:upn.only@litwareinc.com')?.mailbox?.primarySmtpAddress, 'upn.only@litwareinc.com');
    assert.equal(index.size, healthyOrg().users.length + 3);
    assert.equal(index.users.filter((u) => u.mailbox?.primarySmtpAddress === 'mailbox.only@litwareinc.com').length, 1);
  });
  test('a mailbox-only user: its SIP address from the resource identifier, found by e-mail too', () => {
    const u = userByEmail(index, 'Mailbox.Only@litwareinc.com');
    assert.equal(u?.skype, null);
    assert.equal(u?.sipAddress, 'sip:mailbox.only@litwareinc.com');
    assert.equal(userBySip(index, 'mailbox.only@litwareinc.com'), u);
  });
  test('joinUser straight from the org agrees with the index', () => {
    const j = joinUser(org, 'SIP:Zoe.Lambert@litwareinc.com');
    assert.equal(j.skype?.displayName, 'Zoé Lambert');
    assert.equal(j.mailbox?.primarySmtpAddress, 'zoe.lambert@litwareinc.com');
    assert.equal(joinUser(org, 'sip:mailbox.only@litwareinc.com').skype, null);
    assert.equal(joinUser(org, 'sip:mailbox.only@litwareinc.com').mailbox?.displayName, 'Mailbox Only');
    assert.deepEqual(joinUser(org, 'sip:nobody@x'), { skype: null, mailbox: null });
  });
  test('userBySip: any case, with or without sip:', () => {
    assert.ok(userBySip(index, 'ZOE.LAMBERT@litwareinc.com'));
    assert.ok(userBySip(index, ' Sip:zoe.lambert@LITWAREINC.com '));
    assert.equal(userBySip(index, 'sip:nobody@litwareinc.com'), null);
  });
});

describe('prefix search', () => {
  test('display name and each word of it, case-insensitive, accents kept', () => {
    assert.deepEqual(names('zoé'), ['Zoé Lambert|name']);
    assert.deepEqual(names('LAMB'), ['Zoé Lambert|name']);
    assert.deepEqual(names('alice m'), ['Alice Martin|name']);
  });
  test('SIP address with or without sip:', () => {
    assert.deepEqual(names('sip:zoe.l'), ['Zoé Lambert|sip']);
    assert.deepEqual(names('SIP:ZOE'), ['Zoé Lambert|sip']);
    assert.deepEqual(names('zoe.lam'), ['Zoé Lambert|sip']);
  });
  test('e-mail addresses: primary and proxy SMTP without their prefix', () => {
    assert.deepEqual(names('zl@contoso'), ['Zoé Lambert|email']);
    assert.deepEqual(names('mailbox.o'), ['Mailbox Only|sip']);
  });
  test('extension and phone (with and without +, with separators)', () => {
    assert.deepEqual(names('2001'), ['Zoé Lambert|extension']);
    assert.deepEqual(names('+1425555200'), ['Upn Only|phone', 'Zoé Lambert|phone']);
    assert.deepEqual(names('14255552001'), ['Zoé Lambert|phone']);
    assert.deepEqual(names('+1 (425) 555-2001'), ['Zoé Lambert|phone']);
  });
  test('users once each, in display-name order, the best field reported', () => {
    // "o" matches Omar's name and other users' SIP addresses / words: each user once.
    const r = searchUsers(index, 'o', 50);
    const sips = r.matches.map((m) => m.sipAddress);
    assert.equal(new Set(sips).size, sips.length);
    const shown = r.matches.map((m) => m.displayName);
    assert.deepEqual(
      shown,
      [...shown].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    assert.equal(r.matches.find((m) => m.displayName === 'Omar Kim')?.matchedOn, 'name');
  });
  test('truncated when more match than the limit', () => {
    const all = searchUsers(index, 'litwareinc', 50);
    assert.equal(all.truncated, false);
    const few = searchUsers(index, '1', 2);
    assert.equal(few.matches.length, 2);
    assert.equal(few.truncated, true);
    assert.deepEqual(searchUsers(index, '1', 0).matches, []);
  });
  test('a blank or unknown query matches nobody', () => {
    for (const q of ['', '   ', '\t', 'sip:', 'zzz-nobody']) assert.deepEqual(searchUsers(index, q, 50), { query: q, matches: [], truncated: false }, JSON.stringify(q));
  });
  test("a match carries the user's e-mail, extension and phone", () => {
    const m = searchUsers(index, 'zoé', 5).matches[0];
    assert.deepEqual(m, {
      sipAddress: 'sip:zoe.lambert@litwareinc.com',
      displayName: 'Zoé Lambert',
      email: 'zoe.lambert@litwareinc.com',
      extension: '2001',
      phone: '+14255552001',
      matchedOn: 'name',
      verdict: null,
    });
  });
});

describe('exact resolution (CSV and CLI queries)', () => {
  test('SIP, e-mail, extension, phone, whole name; a single word of a name is not exact', () => {
    const sip = (q: string) => resolveExact(index, q).map((u) => u.sipAddress);
    assert.deepEqual(sip('zoe.lambert@litwareinc.com'), ['sip:zoe.lambert@litwareinc.com']);
    assert.deepEqual(sip('ZL@contoso.example'), ['sip:zoe.lambert@litwareinc.com']);
    assert.deepEqual(sip('2003'), ['sip:mailbox.only@litwareinc.com']);
    assert.deepEqual(sip('+14255552002'), ['sip:upn.only@litwareinc.com']);
    assert.deepEqual(sip('zoé  lambert'), ['sip:zoe.lambert@litwareinc.com']);
    assert.deepEqual(sip('Lambert'), []);
    assert.deepEqual(sip('200'), []);
  });
});

describe('one matcher for `umc user QUERY` and each CSV line (matchUsers)', () => {
  const match = (q: string) => {
    const m = matchUsers(index, q, 2);
    return { how: m.how, total: m.total, sips: m.users.map((u) => u.sipAddress) };
  };
  test('the user part of a SIP or e-mail address names its user exactly (a CSV line "vm.ok")', () => {
    assert.deepEqual(
      resolveExact(index, 'zoe.lambert').map((u) => u.sipAddress),
      ['sip:zoe.lambert@litwareinc.com'],
    );
    assert.deepEqual(match('ZOE.LAMBERT'), { how: 'exact', total: 1, sips: ['sip:zoe.lambert@litwareinc.com'] });
    // The local part of a proxy SMTP address too; `sip:` keeps the query on SIP addresses.
    assert.deepEqual(match('zl'), { how: 'exact', total: 1, sips: ['sip:zoe.lambert@litwareinc.com'] });
    assert.deepEqual(match('sip:zl'), { how: 'none', total: 0, sips: [] });
  });
  test('no whole value: the users the search box finds by prefix; several is ambiguous (total counts them all)', () => {
    assert.deepEqual(match('Lambert'), { how: 'prefix', total: 1, sips: ['sip:zoe.lambert@litwareinc.com'] });
    const several = match('200');
    assert.equal(several.how, 'prefix');
    assert.equal(several.total, 3);
    assert.equal(several.sips.length, 2, 'capped at the limit asked');
    // The prefix users are exactly the search box's, in the same order.
    assert.deepEqual(
      matchUsers(index, '200', 50).users.map((u) => u.sipAddress),
      searchUsers(index, '200', 50).matches.map((m) => m.sipAddress),
    );
    assert.deepEqual(match('zzz-nobody'), { how: 'none', total: 0, sips: [] });
    assert.deepEqual(match('   '), { how: 'none', total: 0, sips: [] });
  });
  test('a whole value wins over longer values it is the start of', () => {
    const org2 = orgWithUsers(
      [skypeUser('vm.r-u-08', { ext: '7008' }), skypeUser('vm.r-u-08.twin', { ext: '7108' })],
      [umMailbox('vm.r-u-08', { ext: '7008' }), umMailbox('vm.r-u-08.twin', { ext: '7108' })],
    );
    const i2 = buildUserIndex(org2);
    const m = matchUsers(i2, 'vm.r-u-08', 10);
    assert.deepEqual([m.how, m.total, m.users.map((u) => u.sipAddress)], ['exact', 1, ['sip:vm.r-u-08@litwareinc.com']]);
    const p = matchUsers(i2, 'vm.r-u', 10);
    assert.deepEqual([p.how, p.total], ['prefix', 2]);
  });
});
