import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createLocalPowerShell, parseVersionAnswer } from '../../../../main/services/local-powershell';
import { NO_PWSH, PWSH } from '../../../support/powershell';
import { expectNoLeak } from '../../../support/no-leak';

const quiet = { log: () => {} };

describe('the PowerShell of this computer, as the status bar shows it', () => {
  test('the real PowerShell answers its own version (7.x here, where the lab file says 5.1)', { skip: NO_PWSH }, async () => {
    const local = createLocalPowerShell({ executable: () => PWSH, logger: quiet });
    const info = await expectNoLeak(() => local.info(), { ignore: [], what: 'the PowerShell asked for its version has ended' });
    assert.equal(info.found, true);
    assert.match(info.version ?? '', /^7\.\d+\.\d+/);
    assert.equal(info.edition, 'Core');
    // Asked once: the second call is the same answer, without another PowerShell.
    assert.equal(await local.info(), info);
    local.dispose();
  });

  test('no PowerShell found: says so instead of a version', async () => {
    const info = await createLocalPowerShell({ executable: () => null, logger: quiet }).info();
    assert.deepEqual(info, { found: false, version: null, edition: null });
  });

  test('a PowerShell that cannot start: found, version unknown, and the reason logged', async () => {
    const logged: string[] = [];
    const local = createLocalPowerShell({ executable: () => join(__dirname, 'no-such-pwsh'), logger: { log: (_l, m) => logged.push(m) } });
    assert.deepEqual(await local.info(), { found: true, version: null, edition: null });
    assert.equal(logged.length, 1);
  });

  test('reads Windows PowerShell 5.1 and PowerShell 7 answers; anything else is no version', () => {
    assert.deepEqual(parseVersionAnswer('5.1.19041.5247\r\nDesktop\r\n'), { version: '5.1.19041.5247', edition: 'Desktop' });
    assert.deepEqual(parseVersionAnswer('7.4.6\nCore\n'), { version: '7.4.6', edition: 'Core' });
    assert.deepEqual(parseVersionAnswer('7.5.0-preview.2\nCore'), { version: '7.5.0-preview.2', edition: 'Core' });
    assert.deepEqual(parseVersionAnswer('WARNING: profile\n7.4.6'), { version: null, edition: null });
    assert.deepEqual(parseVersionAnswer(''), { version: null, edition: null });
  });
});
