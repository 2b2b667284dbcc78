import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandsFor, EXCHANGE_READS, PAGE_ALPHABET, partitionFilter, SKYPE_READS, splitPartition } from '../../../../shared/snapshot/capture-plan';
import { EXCHANGE_SECTIONS, SKYPE_SECTIONS } from '../../../../shared/snapshot/format';

describe('capture plan', () => {
  it('reads every section of the snapshot format, once', () => {
    assert.deepEqual(EXCHANGE_READS.map((r) => r.section).sort(), Object.keys(EXCHANGE_SECTIONS).sort());
    assert.deepEqual(SKYPE_READS.map((r) => r.section).sort(), Object.keys(SKYPE_SECTIONS).sort());
  });

  it('imports only the commands it uses, per shell', () => {
    const ex = commandsFor('exchange');
    assert.ok(ex.includes('Get-UMDialPlan') && !ex.some((c) => c.includes('-Cs')));
    assert.ok(commandsFor('skype').every((c) => /-Cs/.test(c)));
    assert.ok(commandsFor('skype', ['Get-CsServerVersion']).includes('Get-CsServerVersion'));
  });

  it('pages the three user sections', () => {
    const paged = [...EXCHANGE_READS, ...SKYPE_READS].filter((r) => r.strategy.kind === 'paged').map((r) => r.section);
    assert.deepEqual(paged.sort(), ['mailboxes', 'umMailboxes', 'users']);
  });
});

describe('prefix partitions', () => {
  it('writes the filter with -like / -notlike', () => {
    assert.equal(partitionFilter('SipAddress', { prefix: 'sip:a', except: ['sip:ab', 'sip:ac'] }), "SipAddress -like 'sip:a*' -and SipAddress -notlike 'sip:ab*' -and SipAddress -notlike 'sip:ac*'");
  });

  it('refuses a prefix that would need quoting', () => {
    assert.throws(() => partitionFilter('SipAddress', { prefix: "sip:o'", except: [] }));
    assert.throws(() => partitionFilter('SipAddress', { prefix: 'a*', except: [] }));
  });

  it('splits on the next characters seen, and keeps a remainder for the rest', () => {
    const { children, remainder } = splitPartition({ prefix: 'sip:', except: [] }, ['sip:alice@x', 'SIP:Bob@x', 'sip:alice2@x', "sip:'odd@x"]);
    assert.deepEqual(children.map((c) => c.prefix), ['sip:a', 'sip:b']);
    assert.deepEqual(remainder, { prefix: 'sip:', except: ['sip:a', 'sip:b'] });
  });

  it('a remainder that overflows again splits on the rest of the alphabet, then gives up (read unpaged)', () => {
    const first = splitPartition({ prefix: 'p', except: ['pa', 'pb'] }, ['pa1', 'pb2']);
    assert.equal(first.children.length, PAGE_ALPHABET.length - 2);
    assert.equal(first.remainder!.except.length, PAGE_ALPHABET.length);
    assert.deepEqual(splitPartition(first.remainder!, ["p'x"]), { children: [], remainder: null });
  });

  it('partitions cover every key exactly once', () => {
    const keys = ['sip:a1', 'sip:a2', 'sip:b', "sip:'q", 'sip:ä', 'sip:'];
    const { children, remainder } = splitPartition({ prefix: 'sip:', except: [] }, keys);
    const inPart = (k: string, p: { prefix: string; except: readonly string[] }) => k.startsWith(p.prefix) && !p.except.some((e) => k.startsWith(e));
    for (const k of keys) assert.equal([...children, remainder!].filter((p) => inPart(k, p)).length, 1, k);
  });
});
