/**
 * `umc contacts` on the lab org through real PowerShell: list (text and JSON), export,
 * import with its preview, --dry-run, the confirmation (--yes for scripts), exit codes 0 / 1 / 2,
 * and the user's copy of the lab org and audit log under UMC_USER_DATA.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { auditLogPath, userLabPath } from '../../../../main/services/user-data';
import { ROOT } from '../../../support/paths';
import { NO_PWSH, PWSH } from '../../../support/powershell';

describe('umc contacts (lab org, real PowerShell)', { skip: NO_PWSH }, () => {
  let data: string;
  before(() => {
    data = mkdtempSync(join(tmpdir(), 'umc-cli-contacts-'));
  });
  after(() => rmSync(data, { recursive: true, force: true }));

  async function run(args: string[], confirm?: (q: string) => Promise<boolean>) {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale: 'en-US', env: { UMC_USER_DATA: data, UMC_PWSH: PWSH! }, confirm });
    return { code, out, err };
  }

  it('list: a table with every status, and JSON for scripts', async () => {
    const r = await run(['contacts', 'list']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^STATUS\s+NAME\s+SIP ADDRESS\s+NUMBER\s+TYPE\s+POOL/);
    assert.match(r.out, /\d+ ok, \d+ missing, \d+ orphan, \d+ duplicate, \d+ mismatch\n$/);
    const j = await run(['contacts', 'list', '--json']);
    const parsed = JSON.parse(j.out) as { contacts: { status: string; sipAddress: string | null }[]; counts: Record<string, number>; writable: boolean };
    assert.equal(parsed.writable, true);
    assert.ok(
      parsed.contacts.some((c) => c.status === 'missing'),
      'the lab has Exchange numbers without a contact',
    );
    assert.equal(
      parsed.contacts.length,
      Object.values(parsed.counts).reduce((a, b) => a + b, 0),
    );
  });

  it('export then import of the same file: everything already in place, exit 0', async () => {
    const file = join(data, 'export.csv');
    const e = await run(['contacts', 'export', file]);
    assert.equal(e.code, 0, e.err);
    assert.match(e.out, /^\d+ contacts written to /);
    assert.equal(readFileSync(file).subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 with a BOM, for Excel');
    const i = await run(['contacts', 'import', file, '--dry-run']);
    assert.equal(i.code, 0, i.err + i.out);
    assert.match(i.out, /0 to create, 0 to update, \d+ already in place, 0 refused/);
  });

  it('import: preview of every row; not a terminal and no --yes → nothing applied; --yes applies, exit 1 when a row is refused', async () => {
    const file = join(data, 'new.csv');
    writeFileSync(
      file,
      'SipAddress,DisplayNumber,RegistrarPool,OU,Type,Name\n' +
        'sip:cli-aa@litwareinc.com,+14255550901,atl-cs-001.litwareinc.com,"OU=RTC Special Accounts,DC=litwareinc,DC=com",AA,CLI AA\n' +
        'sip:cli-bad@litwareinc.com,12-34,atl-cs-001.litwareinc.com,"OU=RTC Special Accounts,DC=litwareinc,DC=com",AA,CLI bad\n',
    );
    const dry = await run(['contacts', 'import', file, '--dry-run']);
    assert.equal(dry.code, 1, 'a refused row');
    assert.match(dry.out, /line 2 {2}create {2}sip:cli-aa@litwareinc\.com\n {4}New-CsExUmContact -SipAddress 'sip:cli-aa@litwareinc\.com'/);
    assert.match(dry.out, /line 3 {2}refused/);
    assert.match(dry.out, /ERROR R-C-03/);

    const noTty = await run(['contacts', 'import', file]);
    assert.match(noTty.err, /nothing applied: not a terminal — add --yes/);
    const declined = await run(['contacts', 'import', file], async () => false);
    assert.match(declined.err, /nothing applied/);
    assert.doesNotMatch(readFileSync(userLabPath(data), 'utf8'), /cli-aa@/);

    const yes = await run(['contacts', 'import', file, '--yes']);
    assert.equal(yes.code, 1, yes.err + yes.out);
    assert.match(yes.out, /\n2\s+applied\s/);
    assert.match(yes.out, /\n3\s+refused\s/);
    assert.match(readFileSync(userLabPath(data), 'utf8'), /cli-aa@litwareinc\.com/);
    assert.ok(existsSync(auditLogPath(data)));
    assert.match(readFileSync(auditLogPath(data), 'utf8'), /New-CsExUmContact/);
  });

  it('bad input: exit 2, one line', async () => {
    for (const [args, pattern] of [
      [['contacts'], /^umc: contacts needs list, export FILE\.csv or import FILE\.csv\n$/],
      [['contacts', 'import'], /^umc: contacts import needs one FILE\.csv\n$/],
      [['contacts', 'import', join(data, 'nope.csv')], /^umc: cannot read .*nope\.csv: no such file\n$/],
      [['contacts', 'list', '--bogus'], /^umc: unknown option --bogus\n$/],
      [['contacts', 'list', '--exchange', 'ex01.contoso.com'], /^umc: --exchange and --skype go together/],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, pattern);
    }
  });
});
