/** Check everyone: counts per rule, failing users, CSV queries, steps; and a generated 100,000-user org against per-user evaluation. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateSnapshot } from '../../../support/org-builder/generate-org';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import { checkUsers, createUsersCheck, csvQueries } from '../../../../shared/users/check-all';
import { buildUserIndex, searchUsers } from '../../../../shared/users/user-index';
import { AMBIGUOUS_SHOWN } from '../../../../shared/users/user-model';
import { buildUserRuleContext, evaluateUser } from '../../../../shared/users/user-rules';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { labOrg } from '../../../support/lab';
import { orgWithUsers, skypeUser, umMailbox } from '../../../support/user-fixtures';

const org = orgWithUsers(
  [skypeUser('zoe', { displayName: 'Zoe', enterpriseVoiceEnabled: false }), skypeUser('yan', { displayName: 'Yan', ext: '2009' }), skypeUser('xia', { displayName: 'Xia', ext: '1001' })],
  [umMailbox('zoe', { accountDisabled: true }), umMailbox('yan', { ext: '2002' }), umMailbox('xia', { ext: '1001' }), umMailbox('solo', { displayName: 'Solo', ext: '2005' })],
);
const index = buildUserIndex(org);
const ctx = buildUserRuleContext(org);

describe('checkUsers', () => {
  test('everyone: counts per rule (users once per rule), working and failing, failing users with their rules', () => {
    const r = checkUsers(index, ctx);
    // Alice, Bruno, Megan, Omar, Zoe, Yan, Xia + Solo (mailbox only).
    assert.equal(r.summary.checked, 8);
    // Bruno, Megan and Yan (R-U-10 is a warning) work.
    assert.equal(r.summary.working, 3);
    assert.equal(r.summary.failing, 5);
    assert.deepEqual(r.summary.byRule, { 'R-U-13': 1, 'R-U-01': 1, 'R-U-02': 2, 'R-U-03': 1, 'R-U-08': 2, 'R-U-10': 1 });
    assert.deepEqual(Object.keys(r.summary.byRule), ['R-U-13', 'R-U-01', 'R-U-02', 'R-U-03', 'R-U-08', 'R-U-10']);
    assert.deepEqual(
      r.failing.map((f) => `${f.displayName}:${f.rules.join(',')}`),
      ['Alice Martin:R-U-08', 'Omar Kim:R-U-02,R-U-03', 'Solo:R-U-01', 'Xia:R-U-08', 'Zoe:R-U-13,R-U-02'],
    );
    assert.deepEqual(r.summary.notFound, []);
  });

  test('everyone is checked from the joined users: the search keys and address maps are not read (built on the first search)', () => {
    const fresh = buildUserIndex(org);
    const read = new Set<PropertyKey>();
    const watched = new Proxy(fresh, { get: (target, key, receiver) => (read.add(key), Reflect.get(target, key, receiver)) });
    assert.equal(checkUsers(watched, ctx).summary.checked, 8);
    for (const lazy of ['keys', 'keyUser', 'keyField', 'bySip', 'byEmail']) assert.ok(!read.has(lazy), `check-all read ${lazy}`);
    // Built on first use, the keys answer as an index built for a search.
    assert.deepEqual(searchUsers(fresh, 'x', 5), searchUsers(index, 'x', 5));
  });

  test('the users of a list of queries, once each; unknown queries in notFound', () => {
    const r = checkUsers(index, ctx, ['sip:zoe@litwareinc.com', 'ZOE@litwareinc.com', '2005', 'Yan', 'nobody@x', 'nobody@x', ' ']);
    assert.equal(r.summary.checked, 3);
    assert.deepEqual(
      r.users.map((u) => u.displayName),
      ['Solo', 'Yan', 'Zoe'],
    );
    assert.deepEqual(r.summary.notFound, ['nobody@x']);
  });

  test('in steps with progress: the same result as one pass', () => {
    const check = createUsersCheck(index, ctx);
    const seen: number[] = [];
    while (check.step(3)) seen.push(check.done);
    assert.deepEqual(seen, [3, 6]);
    assert.equal(check.done, 8);
    assert.deepEqual(check.result().summary, checkUsers(index, ctx).summary);
    const progress: number[] = [];
    checkUsers(index, ctx, undefined, (done, total) => progress.push(done / total));
    assert.equal(progress.at(-1), 1);
  });

  test('the lab org: every user checked; counts equal a per-user evaluation', () => {
    const lab = labOrg();
    const li = buildUserIndex(lab);
    const lc = buildUserRuleContext(lab);
    const r = checkUsers(li, lc);
    const expected: Record<string, number> = {};
    let failing = 0;
    for (const u of li.users) {
      const reasons = evaluateUser(u, lc);
      for (const id of new Set(reasons.map((x) => x.rule))) expected[id] = (expected[id] ?? 0) + 1;
      if (reasons.some((x) => x.severity === 'error')) failing++;
    }
    assert.equal(r.summary.checked, li.size);
    assert.equal(r.summary.failing, failing);
    assert.deepEqual(r.summary.byRule, expected);
  });
});

describe('csvQueries', () => {
  test('first column, header skipped, `,` or `;`, quotes, BOM, CRLF, blank rows, duplicates once', () => {
    assert.deepEqual(csvQueries('\uFEFFSipAddress,Note\r\nsip:zoe@litwareinc.com,x\r\n\r\n"Lambert, Zoé",y\r\nsip:zoe@litwareinc.com,z\r\n'), ['sip:zoe@litwareinc.com', 'Lambert, Zoé']);
    assert.deepEqual(csvQueries('Nom;Poste\n"Dubois; Bruno";1002\n1003;x\n'), ['Dubois; Bruno', '1003']);
    assert.deepEqual(csvQueries('alice.martin@litwareinc.com\nbruno.dubois@litwareinc.com'), ['alice.martin@litwareinc.com', 'bruno.dubois@litwareinc.com']);
    assert.deepEqual(csvQueries('sep=;\nE-mail;x\n"a ""quoted"" name";1\n'), ['a "quoted" name']);
    assert.deepEqual(csvQueries('"multi\nline",2\nnext,3'), ['multi\nline', 'next']);
    assert.deepEqual(csvQueries(''), []);
    assert.deepEqual(csvQueries('Email\r\n'), []);
  });
  test('a CSV of queries through checkUsers: found users checked, the rest in notFound', () => {
    const r = checkUsers(index, ctx, csvQueries('UserPrincipalName;x\r\nyan@litwareinc.com;1\r\n"Alice Martin";2\r\nghost@litwareinc.com;3\r\n'));
    assert.deepEqual(
      r.users.map((u) => u.displayName),
      ['Alice Martin', 'Yan'],
    );
    assert.deepEqual(r.summary.notFound, ['ghost@litwareinc.com']);
    assert.deepEqual(r.summary.ambiguous, []);
  });
  test('each line matched as `umc user` matches it: a SIP user part, a name prefix; several users are ambiguous, not checked', () => {
    const r = checkUsers(index, ctx, csvQueries('yan\nSol\n20\nnobody\n'));
    // "yan" is the user part of sip:yan@…, "Sol" the start of one name: each names one user.
    assert.deepEqual(
      r.users.map((u) => u.displayName),
      ['Solo', 'Yan'],
    );
    assert.equal(r.summary.checked, 2);
    assert.deepEqual(r.summary.notFound, ['nobody']);
    // "20" starts the extensions of several users: none of them is checked for it.
    assert.equal(r.summary.ambiguous.length, 1);
    const a = r.summary.ambiguous[0]!;
    assert.equal(a.query, '20');
    assert.equal(a.count, searchUsers(index, '20', 50).matches.length);
    assert.ok(a.count > 1);
    assert.deepEqual(
      a.candidates,
      searchUsers(index, '20', 50)
        .matches.slice(0, AMBIGUOUS_SHOWN)
        .map((m) => m.displayName),
    );
  });
});

describe('a generated 100,000-user org (correctness, not timing)', () => {
  test('checkUsers counts equal a per-user evaluation; a sample of failing users carries the rules evaluateUser gives', () => {
    const raw = generateSnapshot({ exchangeServers: 10, dialPlans: 40, gateways: 100, users: 100_000 });
    const big = decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
    const bi = buildUserIndex(big);
    const bc = buildUserRuleContext(big);
    const r = checkUsers(bi, bc);
    assert.equal(r.summary.checked, 100_000);
    assert.equal(r.summary.working + r.summary.failing, 100_000);
    // Every 97th user evaluated on its own: failing or not, and the same rules in the same order.
    const failingBySip = new Map(r.failing.map((f) => [f.sipAddress, f.rules]));
    let sampled = 0;
    for (let i = 0; i < bi.users.length; i += 97) {
      const u = bi.users[i];
      const reasons = evaluateUser(u, bc);
      const works = !reasons.some((x) => x.severity === 'error');
      assert.equal(failingBySip.has(u.sipAddress), !works, u.sipAddress);
      if (!works)
        assert.deepEqual(
          failingBySip.get(u.sipAddress),
          reasons.map((x) => x.rule),
          u.sipAddress,
        );
      sampled++;
    }
    assert.ok(sampled > 1000);
    // A user with an error rule is failing: the failing users' rules add up to the counts of the error rules exactly.
    const totals: Record<string, number> = {};
    for (const f of r.failing) for (const id of new Set(f.rules)) totals[id] = (totals[id] ?? 0) + 1;
    for (const [id, n] of Object.entries(r.summary.byRule)) {
      if (id === 'R-U-10') assert.ok(n >= (totals[id] ?? 0), id);
      else assert.equal(n, totals[id], id);
    }
    assert.ok((r.summary.byRule['R-U-02'] ?? 0) > 500, 'about 1% of the generated users have no Enterprise Voice (DEFAULT_USER_MIX)');
  });
});
