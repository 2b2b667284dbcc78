/** The lab endpoint's version profiles in the endpoint text: `lab:?exchange=…&skype=…&withhold=…`, strictly. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labQueryText, parseLabQuery, resolveEndpoint } from '../../../../shared/connections/profile';
import { labParameters } from '../../../../main/services/live/connections-service';

describe('lab endpoint version profiles', () => {
  it('reads versions and withheld cmdlets, in any order, and shows them canonically', () => {
    const r = resolveEndpoint('exchange', 'lab:?withhold=Get-UMService,Get-CsCertificate&skype=2013&exchange=2010');
    assert.ok(r.ok && r.endpoint.kind === 'lab-local');
    assert.deepEqual(r.endpoint.lab, { exchange: '2010', skype: '2013', withhold: ['Get-UMService', 'Get-CsCertificate'] });
    assert.equal(r.endpoint.display, 'lab:?exchange=2010&skype=2013&withhold=Get-UMService,Get-CsCertificate');
  });

  it('each part is optional; plain lab: has no profile', () => {
    assert.deepEqual(parseLabQuery('exchange=2019'), { exchange: '2019', skype: null, withhold: [] });
    assert.deepEqual(parseLabQuery('skype=2015'), { exchange: null, skype: '2015', withhold: [] });
    assert.deepEqual(parseLabQuery('withhold=Get-UMMailbox'), { exchange: null, skype: null, withhold: ['Get-UMMailbox'] });
    assert.deepEqual(resolveEndpoint('skype', 'lab:'), { ok: true, endpoint: { kind: 'lab-local', display: 'lab:' } });
    for (const v of ['2010', '2013', '2016', '2019']) assert.equal(parseLabQuery(`exchange=${v}`)?.exchange, v);
    for (const v of ['2013', '2015', '2019']) assert.equal(parseLabQuery(`skype=${v}`)?.skype, v);
  });

  it('refuses anything else: unknown versions and keys, repeats, empty parts, names that are not cmdlet names, more than 50', () => {
    const bad = [
      'lab:?',
      'lab:?exchange=2007',
      'lab:?exchange=2015',
      'lab:?skype=2010',
      'lab:?skype=2016',
      'lab:?exchange=2016&exchange=2019',
      'lab:?exchange=',
      'lab:?exchange',
      'lab:?version=2016',
      'lab:?exchange=2016&',
      'lab:?withhold=',
      'lab:?withhold=Get-UMService,',
      'lab:?withhold=Get-UMService,get-umservice',
      'lab:?withhold=Get-UMService;Remove-Item',
      "lab:?withhold=Get-UMService'",
      'lab:?withhold=Get-UM Service',
      'lab:?withhold=GetUMService',
      'lab:?withhold=Get-UMService$(x)',
      'lab:?withhold=Get-UMService%2CGet-CsUser',
      `lab:?withhold=${Array.from({ length: 51 }, (_, i) => `Get-Thing${i}`).join(',')}`,
      'lab:exchange=2016',
    ];
    for (const text of bad) assert.deepEqual(resolveEndpoint('exchange', text), { ok: false, reason: 'lab' }, text);
    assert.ok(
      parseLabQuery(
        Array.from({ length: 50 }, (_, i) => `Get-Thing${i}`)
          .join(',')
          .replace(/^/, 'withhold='),
      ),
    );
  });

  it('lab+ssh:// takes the same query after the port', () => {
    const r = resolveEndpoint('skype', 'lab+ssh://root@127.0.0.1:2222?skype=2019&withhold=Get-CsCertificate');
    assert.ok(r.ok && r.endpoint.kind === 'lab-ssh');
    assert.equal(r.endpoint.port, 2222);
    assert.deepEqual(r.endpoint.lab, { exchange: null, skype: '2019', withhold: ['Get-CsCertificate'] });
    assert.equal(r.endpoint.display, 'lab+ssh://root@127.0.0.1:2222?skype=2019&withhold=Get-CsCertificate');
    assert.deepEqual(resolveEndpoint('skype', 'lab+ssh://root@127.0.0.1:2222?skype=2016'), { ok: false, reason: 'lab' });
    const plain = resolveEndpoint('skype', 'lab+ssh://root@127.0.0.1:2222');
    assert.ok(plain.ok && plain.endpoint.kind === 'lab-ssh' && plain.endpoint.lab === undefined);
  });

  it('becomes the host open parameters LabExchangeVersion, LabSkypeVersion, LabWithhold (only what is set)', () => {
    assert.deepEqual(labParameters({ exchange: '2010', skype: '2013', withhold: ['Get-UMService', 'Get-CsCertificate'] }), {
      LabExchangeVersion: '2010',
      LabSkypeVersion: '2013',
      LabWithhold: ['Get-UMService', 'Get-CsCertificate'],
    });
    assert.deepEqual(labParameters({ exchange: null, skype: '2015', withhold: [] }), { LabSkypeVersion: '2015' });
    assert.deepEqual(labParameters(undefined), {});
    assert.equal(labQueryText({ exchange: null, skype: null, withhold: [] }), '');
  });
});
