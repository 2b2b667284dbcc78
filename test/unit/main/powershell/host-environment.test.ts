/**
 * A PowerShell host starts with an explicit environment (main/powershell/host-environment.ts): the
 * console's secrets (UMC_PASSWORD) are not handed on, what PowerShell, .NET and remoting need is.
 * Checked on the function and on a real host process (its /proc/<pid>/environ on Linux).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hostEnvironment, isKeptForHost } from '../../../../main/powershell/host-environment';
import { silentLogger } from '../../../../main/ports';
import { startPowerShellHost } from '../../../../main/powershell/powershell-host';
import { labRuntime, NO_PWSH } from '../../../support/powershell';

describe('the host environment', () => {
  it('keeps what PowerShell, .NET and remoting need, in any case; drops the rest, secrets first', () => {
    const env = hostEnvironment(
      {
        PATH: '/usr/bin',
        Path: 'C:\\Windows',
        HOME: '/home/admin',
        SystemRoot: 'C:\\Windows',
        DOTNET_ROOT: '/opt/dotnet',
        LC_ALL: 'fr_FR.UTF-8',
        UMC_LAB_FAULT_FILE: '/tmp/faults.json',
        KRB5CCNAME: 'FILE:/tmp/krb5cc_1000',
        UMC_PASSWORD: 'P@ssw0rd!',
        UMC_PWSH: '/opt/pwsh',
        AWS_SECRET_ACCESS_KEY: 'x',
        GITHUB_TOKEN: 'y',
        NODE_OPTIONS: '--inspect',
        UNDEFINED_ONE: undefined,
      },
      { UMC_HOST_NONCE: 'n', TERM: 'dumb' },
    );
    assert.deepEqual(Object.keys(env).sort(), ['DOTNET_ROOT', 'HOME', 'KRB5CCNAME', 'LC_ALL', 'PATH', 'Path', 'SystemRoot', 'TERM', 'UMC_HOST_NONCE', 'UMC_LAB_FAULT_FILE']);
    assert.equal(env.TERM, 'dumb');
  });
  it('the caller’s explicit settings win over the parent’s', () => {
    assert.equal(hostEnvironment({ UMC_LAB_FAULT_FILE: 'a' }, { UMC_LAB_FAULT_FILE: 'b' }).UMC_LAB_FAULT_FILE, 'b');
    assert.equal(isKeptForHost('umc_password'), false);
    assert.equal(isKeptForHost('psmodulepath'), true);
  });
  it('a real host process does not carry UMC_PASSWORD', { skip: NO_PWSH || process.platform !== 'linux' ? 'needs PowerShell on Linux (/proc)' : false }, async () => {
    const rt = labRuntime();
    const previous = process.env.UMC_PASSWORD;
    process.env.UMC_PASSWORD = 'secret-from-the-console-env';
    const host = startPowerShellHost({ executable: rt.executable!, script: rt.hostScript, label: 'env-test', logger: silentLogger });
    try {
      await host.ready;
      const environ = readFileSync(`/proc/${host.pid}/environ`, 'utf8').split('\0');
      assert.ok(!environ.some((e) => e.startsWith('UMC_PASSWORD=')), 'UMC_PASSWORD reached the host');
      assert.ok(
        environ.some((e) => e.startsWith('PATH=')),
        'PATH missing',
      );
      assert.ok(environ.some((e) => e.startsWith('UMC_HOST_NONCE=')));
    } finally {
      if (previous === undefined) delete process.env.UMC_PASSWORD;
      else process.env.UMC_PASSWORD = previous;
      await host.dispose();
    }
  });
});
