import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildOrgGraph } from '../../../../shared/topology/build-graph';
import { translate } from '../../../../shared/i18n/translate';
import { englishWordsIn } from '../../../support/french-text';
import { labOrg } from '../../../support/lab';

describe('the map labels: technical facts as PowerShell prints them, words in the reader’s language', () => {
  const g = buildOrgGraph(labOrg());
  const node = (id: string) => g.nodes.find((n) => n.id === id)!;

  test('a pool’s computer count is a fact the renderer translates, not the English word in the sublabel', () => {
    const pool = node('skypePool:atl-cs-001.litwareinc.com');
    assert.ok(!/computers/i.test(pool.sublabel), pool.sublabel);
    const computers = pool.facts.find((f) => f.kind === 'computers');
    assert.ok(computers && computers.kind === 'computers' && computers.count > 0);
    const fr = translate('fr', 'layout.topology.computers', { count: computers.count });
    assert.deepEqual(englishWordsIn(fr), []);
    assert.match(fr, /^Ordinateurs\u00a0: \d+$/);
  });

  test('a gateway’s Status other than Enabled is a status fact; Enabled says nothing', () => {
    const disabled = g.nodes.find((n) => n.kind === 'umIpGateway' && n.facts.some((f) => f.kind === 'status'));
    assert.ok(disabled, 'the lab has a disabled gateway (PBX-DAL)');
    assert.deepEqual(disabled.facts, [{ kind: 'status', value: 'Disabled' }]);
    assert.ok(!disabled.sublabel.includes('Disabled'), disabled.sublabel);
    assert.equal(translate('fr', 'layout.enum.Disabled'), 'désactivé');
    for (const n of g.nodes) if (n.kind === 'umIpGateway' && n !== disabled) assert.ok(n.facts.every((f) => f.kind !== 'status' || f.value !== 'Enabled'));
  });

  test('no sublabel carries an English word a French reader would see', () => {
    for (const n of g.nodes) assert.deepEqual(englishWordsIn(n.sublabel), [], `${n.id}: ${n.sublabel}`);
  });
});
