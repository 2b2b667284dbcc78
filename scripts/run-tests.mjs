// Runs the test suites with Node's test runner (TypeScript through tsx):
//   node scripts/run-tests.mjs            every suite (scenarios, unit, browser, electron smoke)
//   node scripts/run-tests.mjs unit       one suite: scenarios | unit | browser | electron
// The scenarios (test/scenarios/, docs/rule-catalogue.md) run first: one seed sentence each, they say
// which rule disagrees with the seeds before the unit tests say how.
// Browser tests need Debian's Chromium: installed here when missing and we are root (CI, fresh machines).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePowerShell } from './setup-powershell.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suites = { scenarios: 'test/scenarios', unit: 'test/unit', browser: 'test/browser', electron: 'test/e2e-electron' };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = wanted.length ? wanted : Object.keys(suites);
for (const s of selected)
  if (!suites[s]) {
    console.error(`unknown suite ${s}; use ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }

function find(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? find(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

function ensureChromium() {
  if (process.env.CHROMIUM_PATH || existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    console.error("Debian's chromium is missing: run `sudo apt-get install -y chromium` (browser tests need it)");
    process.exit(2);
  }
  console.log("installing Debian's chromium for the browser tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed`);
      process.exit(2);
    }
  }
}

// The live-session tests use real PowerShell 7 (a .NET tool) and, for dropped-session tests,
// PowerShell remoting over SSH to localhost (Debian's openssh-server); both installed when missing.
function ensureSshd() {
  if (existsSync('/usr/sbin/sshd') || process.platform !== 'linux') return;
  if (process.getuid?.() !== 0) {
    console.error('openssh-server is missing: the dropped-session tests will report themselves skipped (sudo apt-get install -y openssh-server)');
    return;
  }
  console.log("installing Debian's openssh-server for the dropped-session tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'openssh-server'],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed: the dropped-session tests will report themselves skipped`);
      return;
    }
  }
}

// The SIP probe tests run a real Kamailio on loopback: Debian's kamailio + kamailio-tls-modules.
function ensureKamailio() {
  if (
    process.platform !== 'linux' ||
    (existsSync('/usr/sbin/kamailio') && existsSync('/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so')) ||
    existsSync('/usr/lib/aarch64-linux-gnu/kamailio/modules/tls.so')
  )
    return;
  if (process.getuid?.() !== 0) {
    console.error('kamailio is missing: the SIP probe tests will report themselves skipped (sudo apt-get install -y kamailio kamailio-tls-modules)');
    return;
  }
  console.log("installing Debian's kamailio for the SIP probe tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'kamailio', 'kamailio-tls-modules'],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed: the SIP probe tests will report themselves skipped`);
      return;
    }
  }
}

if (selected.includes('browser')) ensureChromium();
if (selected.includes('unit') || selected.includes('browser')) {
  ensurePowerShell();
  ensureSshd();
  ensureKamailio();
}
// Suite by suite in the order of `suites` (scenarios first), each suite's files sorted.
const files = selected.flatMap((s) =>
  find(join(root, suites[s]))
    .map((f) => relative(root, f))
    .sort(),
);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(2);
}
// The CLI keeps what it learns (capture history, known hosts, gateway monitor history) in the user-data
// folder (main/services/user-data.ts): a test that does not choose its own writes into a throwaway one,
// never into the profile of whoever runs the tests.
const userData = process.env.UMC_USER_DATA ? null : mkdtempSync(join(tmpdir(), 'umc-test-user-data-'));
const env = userData ? { ...process.env, UMC_USER_DATA: userData } : process.env;
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit', env });
if (userData) rmSync(userData, { recursive: true, force: true });
process.exit(r.status ?? 1);
