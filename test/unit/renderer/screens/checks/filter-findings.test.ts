import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createApi } from '../../../../../shared/contract/api';
import { fr } from '../../../../../shared/i18n/fr';
import { createMainServices } from '../../../../../main/compose';
import { filterFindings } from '../../../../../renderer/src/screens/checks/filter-findings';
import { ROOT } from '../../../../support/paths';

const services = createMainServices({ root: ROOT, allowedOrigins: ['app://umc'] });
after(() => services.dispose());
const api = createApi(services.transportFor({ url: 'app://umc/', isMainFrame: true, trustedContents: true }));
const all = new Set(['error', 'warning', 'info'] as const);

test('filters by severity, area and text over the lab findings', async () => {
  const list = await api.checks.list({});
  assert.equal(filterFindings(list, { severities: all, area: 'all', text: '' }, 'en').length, list.findings.length);
  const errors = filterFindings(list, { severities: new Set(['error']), area: 'all', text: '' }, 'en');
  assert.ok(errors.length > 0 && errors.every((f) => f.severity === 'error'));
  assert.ok(filterFindings(list, { severities: all, area: 'gateways', text: '' }, 'en').every((f) => f.area === 'gateways'));
  assert.deepEqual(
    filterFindings(list, { severities: all, area: 'all', text: 'r-g-07' }, 'en').map((f) => f.rule),
    ['R-G-07'],
  );
  // Object labels count: the Director pool is named by R-G-05 and R-D-02 only through their objects.
  const director = filterFindings(list, { severities: all, area: 'all', text: 'ATL-DIR-001' }, 'en').map((f) => f.rule);
  assert.ok(director.includes('R-G-05'), director.join());
});

test('the text filter matches the message in the language on screen', async () => {
  const list = await api.checks.list({});
  const word = fr['rule.R-D-02.title'].split(' ').find((w) => w.length > 8)!;
  assert.ok(
    filterFindings(list, { severities: all, area: 'all', text: word }, 'fr').some((f) => f.rule === 'R-D-02'),
    word,
  );
  assert.equal(filterFindings(list, { severities: all, area: 'all', text: 'zzz-nothing' }, 'fr').length, 0);
});
