import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContactRow, ContactStatus } from '../../../../../shared/contacts/contact-model';
import type { ExUmContact } from '../../../../../shared/model/org';
import { BRANCH_SA_PREFILL } from '../../../../support/contact-fixtures';
import { filterRows, ouLabel, filterTerms, indexRows, numberKey, numberStatuses, rowKind, rowText, statusColor, visibleRows } from '../../../../../renderer/src/screens/contacts/contact-rows';

const contact = (n: number, over: Partial<ExUmContact> = {}): ExUmContact => ({
  identity: `CN={${n}},OU=RTC Special Accounts,DC=litwareinc,DC=com`,
  displayName: `Contact ${n}`,
  sipAddress: `sip:contact${n}@litwareinc.com`,
  displayNumber: `+1425555${String(n).padStart(4, '0')}`,
  lineUri: `tel:+1425555${String(n).padStart(4, '0')}`,
  autoAttendant: false,
  isSubscriberAccess: true,
  registrarPool: n % 2 ? 'atl-cs-001.litwareinc.com' : 'dal-cs-002.litwareinc.com',
  enabled: true,
  enterpriseVoiceEnabled: true,
  ou: 'OU=RTC Special Accounts,DC=litwareinc,DC=com',
  description: '',
  ...over,
});

const row = (status: ContactStatus, c: ExUmContact | null, serves: ContactRow['serves'] = null): ContactRow => ({
  key: c?.identity ?? `missing:${serves?.number}`,
  status,
  contact: c,
  serves,
  issues: [],
  prefill: null,
});

const missing: ContactRow = {
  key: 'missing:subscriberAccess:Litware-SIP-Branch:+14255550200',
  status: 'missing',
  contact: null,
  serves: { kind: 'subscriberAccess', number: '+14255550200', dialPlan: 'Litware-SIP-Branch', autoAttendant: null },
  issues: [],
  prefill: { ...BRANCH_SA_PREFILL, description: '' },
};

describe('contact list filtering', () => {
  const rows = [row('ok', contact(1)), row('orphan', contact(2, { displayName: 'Paris AA (old)', autoAttendant: true, isSubscriberAccess: false })), row('duplicate', contact(3)), missing];
  const index = indexRows(rows);

  it('matches name, SIP address, number and pool, case-insensitively', () => {
    assert.deepEqual(
      filterRows(index, 'PARIS', 'all').map((r) => r.contact?.displayName),
      ['Paris AA (old)'],
    );
    assert.deepEqual(
      filterRows(index, 'sip:contact3@', 'all').map((r) => r.status),
      ['duplicate'],
    );
    assert.deepEqual(
      filterRows(index, '+14255550001', 'all').map((r) => r.status),
      ['ok'],
    );
    assert.deepEqual(
      filterRows(index, 'dal-cs-002', 'all').map((r) => r.status),
      ['orphan'],
    );
  });
  it('a missing row is found by what it would be and what it serves', () => {
    assert.deepEqual(filterRows(index, 'red-sba', 'all'), [missing]);
    assert.deepEqual(filterRows(index, 'litware-sip-branch.sa', 'all'), [missing]);
    assert.deepEqual(filterRows(index, '+14255550200', 'all'), [missing]);
  });
  it('every word must match; an empty filter shows all', () => {
    assert.equal(filterRows(index, '', 'all').length, 4);
    assert.equal(filterRows(index, '   ', 'all').length, 4);
    assert.deepEqual(
      filterRows(index, 'contact atl', 'all').map((r) => r.status),
      ['ok', 'duplicate'],
    );
    assert.deepEqual(filterRows(index, 'contact nowhere', 'all'), []);
    assert.deepEqual(filterTerms('  Foo  BAR '), ['foo', 'bar']);
  });
  it('the status filter combines with the words', () => {
    assert.deepEqual(filterRows(index, '', 'missing'), [missing]);
    assert.deepEqual(
      filterRows(index, 'atl', 'duplicate').map((r) => r.status),
      ['duplicate'],
    );
    assert.deepEqual(filterRows(index, 'atl', 'orphan'), []);
  });
  it('keeps the order of the view', () => {
    assert.deepEqual(filterRows(index, 'litwareinc', 'all'), rows);
  });
  it('the searchable text is lower case and excludes absent fields', () => {
    const text = rowText(missing);
    assert.equal(text, text.toLowerCase());
    assert.ok(!text.includes('undefined') && !text.includes('null'));
  });
  it('filters 5,000 rows well under 100 ms once indexed', () => {
    const many = Array.from({ length: 5000 }, (_, i) => row(i % 7 === 0 ? 'orphan' : 'ok', contact(i + 10)));
    const big = indexRows(many);
    filterRows(big, 'warm', 'all');
    const t0 = performance.now();
    for (const q of ['c', 'co', 'con', 'contact 4999', 'dal-cs', '+1425555']) filterRows(big, q, 'all');
    const perQuery = (performance.now() - t0) / 6;
    assert.ok(perQuery < 100, `${perQuery.toFixed(1)} ms per query`);
    assert.equal(filterRows(big, 'contact 4999', 'all').length, 1);
    assert.equal(filterRows(big, '', 'orphan').length, many.filter((r) => r.status === 'orphan').length);
  });
});

describe('row facts', () => {
  it('the type comes from the contact, else from what a missing row would be', () => {
    assert.equal(rowKind(row('ok', contact(1))), 'subscriberAccess');
    assert.equal(rowKind(row('ok', contact(1, { autoAttendant: true, isSubscriberAccess: false }))), 'autoAttendant');
    assert.equal(rowKind(row('mismatch', contact(1, { autoAttendant: false, isSubscriberAccess: false }))), null);
    assert.equal(rowKind(missing), 'subscriberAccess');
  });
  it('each status has its own colour', () => {
    const statuses: ContactStatus[] = ['ok', 'missing', 'orphan', 'duplicate', 'mismatch'];
    assert.equal(new Set(statuses.map(statusColor)).size, statuses.length);
    assert.equal(statusColor('ok'), 'success');
    assert.equal(statusColor('duplicate'), 'error');
  });
  it('an Exchange number keeps the worst status of the rows serving it', () => {
    const serves = { kind: 'autoAttendant' as const, number: '+14255550199', dialPlan: 'Litware-SIP-Secured', autoAttendant: 'Main' };
    const m = numberStatuses([row('ok', contact(1), serves), row('duplicate', contact(2), serves), missing, row('orphan', contact(3))]);
    assert.equal(m.get(numberKey('Litware-SIP-Secured', '+14255550199')), 'duplicate');
    assert.equal(m.get(numberKey('litware-sip-branch', '+14255550200')), 'missing');
    assert.equal(m.size, 2);
  });
  it('draws a page of rows and says how many are not drawn', () => {
    const list = Array.from({ length: 450 }, (_, i) => i);
    assert.deepEqual(visibleRows(list, 200).hidden, 250);
    assert.equal(visibleRows(list, 200).shown.length, 200);
    assert.deepEqual(visibleRows(list, 600), { shown: list, hidden: 0 });
  });
  it('an OU is shown by its own name; escaped commas stay in it', () => {
    assert.equal(ouLabel('OU=RTC Special Accounts,DC=litwareinc,DC=com'), 'RTC Special Accounts');
    assert.equal(ouLabel('OU=Sales\\, East,OU=Paris,DC=contoso,DC=com'), 'Sales, East');
    assert.equal(ouLabel('CN=Users,DC=contoso,DC=com'), 'Users');
    assert.equal(ouLabel('not a dn'), 'not a dn');
    assert.equal(ouLabel(''), '');
  });
});
