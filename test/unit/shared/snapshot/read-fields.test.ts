import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UM_IP_GATEWAY_FIELDS, UM_MAILBOX_FIELDS } from '../../../../shared/model/exchange-fields';
import { type AnyFieldRow, type FieldRead, fieldRows } from '../../../../shared/model/field-table';
import type { UmIpGateway, UmMailbox, SkypeUser } from '../../../../shared/model/org';
import { SKYPE_USER_FIELDS } from '../../../../shared/model/skype-fields';
import { fieldReaderSource } from '../../../../shared/snapshot/field-reader-source';
import type { Place, RawObject } from '../../../../shared/snapshot/property-readers';
import { fieldReader, rowReader } from '../../../../shared/snapshot/read-fields';
import { readMailboxFields, readSkypeUserFields, readUmMailboxFields } from '../../../../shared/snapshot/user-field-readers';
import { ROOT } from '../../../support/paths';
import { labRaw } from '../../../support/lab';

const place = (): Place & { problems: string[] } => {
  const problems: string[] = [];
  return { section: 'test', index: 0, problems, skipValue: (m) => problems.push(m.key) };
};

describe('reading a field table', () => {
  test('the straight rows, each through its reader; the derived ones left to the decoder', () => {
    const read = fieldReader<UmIpGateway, typeof UM_IP_GATEWAY_FIELDS>(UM_IP_GATEWAY_FIELDS);
    const g = read(
      { Name: '1:2', Address: '10.0.0.2', Port: '5061', Status: 'nonewcalls', OutcallsAllowed: 'True', MessageWaitingIndicatorAllowed: false, IPAddressFamily: null, HuntGroups: 'HG' },
      place(),
    );
    assert.deepEqual(g, { name: '1:2', address: '10.0.0.2', port: 5061, status: 'NoNewCalls', outcallsAllowed: true, messageWaitingIndicatorAllowed: false, ipAddressFamily: '', huntGroups: ['HG'] });
    assert.ok(!('addressIsIpLiteral' in g));
  });
  test('every read but `derived` has a reader', () => {
    const reads: FieldRead[] = ['str', 'optStr', 'strOrNull', 'canonical', 'int', 'optInt', 'bool', 'optBool', 'boolOrFalse', 'strList', 'flags', 'enum', 'optEnum', 'version'];
    for (const read of reads) assert.ok(rowReader({ property: 'X', read, values: ['A'] } as AnyFieldRow), read);
    assert.equal(rowReader({ property: 'X', read: 'derived', why: 'computed' }), null);
    const p = place();
    assert.equal(rowReader({ property: 'P', read: 'strOrNull' })!({ P: '' }, p), null);
    assert.equal(rowReader({ property: 'P', read: 'boolOrFalse' })!({ P: null }, p), false);
  });
});

describe('the readers generated for the kinds read once per user', () => {
  test('user-field-readers.ts is what the tables give (run scripts/generate-field-readers.ts after changing a row)', () => {
    assert.equal(readFileSync(join(ROOT, 'shared', 'snapshot', 'user-field-readers.ts'), 'utf8'), fieldReaderSource());
  });
  test('they read what the table walk reads, on every lab user and mailbox and on printed values', () => {
    const raw = labRaw();
    const walkUser = fieldReader<SkypeUser, typeof SKYPE_USER_FIELDS>(SKYPE_USER_FIELDS);
    const walkMailbox = fieldReader<UmMailbox, typeof UM_MAILBOX_FIELDS>(UM_MAILBOX_FIELDS);
    const pick = (o: object, cmdlet: string) => {
      const keys = fieldRows(UM_MAILBOX_FIELDS)
        .filter(([, row]) => row.read !== 'derived' && (row.cmdlet ?? UM_MAILBOX_FIELDS.cmdlet) === cmdlet)
        .map(([field]) => field);
      return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
    };
    const printed: RawObject = {
      Enabled: 'True',
      EnterpriseVoiceEnabled: 'False',
      ExUmEnabled: 'true',
      HostedVoiceMail: '',
      SipAddress: null,
      AccountDisabled: null,
      Extensions: '1234',
      EmailAddresses: null,
    };
    const users = [...(raw.skype.users.objects as RawObject[]), printed];
    assert.ok(users.length > 500);
    for (const u of users) assert.deepEqual(readSkypeUserFields(u, place()), walkUser(u, place()));
    for (const m of [...(raw.exchange.mailboxes.objects as RawObject[]), printed]) assert.deepEqual(readMailboxFields(m, place()), pick(walkMailbox(m, place()), 'Get-Mailbox'));
    for (const m of [...(raw.exchange.umMailboxes.objects as RawObject[]), printed]) assert.deepEqual(readUmMailboxFields(m, place()), pick(walkMailbox(m, place()), 'Get-UMMailbox'));
  });
  test('a row changed in the table changes the generated source', () => {
    const before = fieldReaderSource();
    const row = SKYPE_USER_FIELDS.fields.lineUri as { property: string };
    const saved = row.property;
    try {
      Object.defineProperty(row, 'property', { value: 'LineUriRenamed', configurable: true });
      assert.notEqual(fieldReaderSource(), before);
      assert.match(fieldReaderSource(), /lineUri: optStr\(o, 'LineUriRenamed', p\)/);
    } finally {
      Object.defineProperty(row, 'property', { value: saved, configurable: true });
    }
    assert.equal(fieldReaderSource(), before);
  });
});
