/** commandsFor / renderCommand, what the contact editor sends to the Skype shell: the exact cmdlets, only what changed, values never interpreted. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { changesOf, commandsFor, renderCommand } from '../../../../shared/contacts/contact-commands';
import type { ContactCommand } from '../../../../shared/contacts/contact-model';
import { draftFromContact } from '../../../../shared/contacts/contact-validation';
import { BRANCH_SA_PREFILL, mainAaContact } from '../../../support/contact-fixtures';
import { NO_PWSH, PWSH } from '../../../support/powershell';

const AA = mainAaContact();
const ID = AA.identity;
const text = (cmds: readonly ContactCommand[]) => cmds.map(renderCommand);

describe('create: New-CsExUmContact', () => {
  test('a Subscriber Access contact: the four required parameters and the description', () => {
    assert.deepEqual(text(commandsFor({ op: 'create', draft: BRANCH_SA_PREFILL }, null)), [
      "New-CsExUmContact -SipAddress 'sip:Litware-SIP-Branch.SA@litwareinc.com' -RegistrarPool 'red-sba-01.litwareinc.com' -DisplayNumber '+14255550200' -OU 'OU=RTC Special Accounts,DC=litwareinc,DC=com' -Description 'Outlook Voice Access, Litware-SIP-Branch'",
    ]);
  });
  test('an Auto Attendant contact with no description: -AutoAttendant:$true, the name as description (no DisplayName parameter)', () => {
    const cmds = commandsFor({ op: 'create', draft: { ...draftFromContact(AA), sipAddress: ' sip:LitwareMainAA@litwareinc.com ' } }, null);
    assert.deepEqual(
      cmds[0].parameters.map((p) => p.name),
      ['SipAddress', 'RegistrarPool', 'DisplayNumber', 'OU', 'AutoAttendant', 'Description'],
    );
    assert.equal(
      renderCommand(cmds[0]),
      "New-CsExUmContact -SipAddress 'sip:LitwareMainAA@litwareinc.com' -RegistrarPool 'atl-cs-001.litwareinc.com' -DisplayNumber '+14255550199' -OU 'OU=RTC Special Accounts,DC=litwareinc,DC=com' -AutoAttendant:$true -Description 'Litware Main AA'",
    );
  });
  test('no name and no description: no -Description', () => {
    const [cmd] = commandsFor({ op: 'create', draft: { ...draftFromContact(AA), name: '', description: '', kind: 'subscriberAccess' } }, null);
    assert.deepEqual(
      cmd.parameters.map((p) => p.name),
      ['SipAddress', 'RegistrarPool', 'DisplayNumber', 'OU'],
    );
  });
});

describe('edit: Set-CsExUmContact with only what changed, Move-CsExUmContact for the pool', () => {
  test('nothing changed: no command (the name is not a cmdlet parameter)', () => {
    assert.deepEqual(commandsFor({ op: 'edit', identity: ID, draft: draftFromContact(AA) }, AA), []);
    assert.deepEqual(commandsFor({ op: 'edit', identity: ID, draft: { ...draftFromContact(AA), name: 'Renamed', enabled: undefined, registrarPool: 'ATL-CS-001.litwareinc.com' } }, AA), []);
  });
  test('each changed parameter, in order', () => {
    const draft = { ...draftFromContact(AA), sipAddress: 'sip:MainAA@litwareinc.com', displayNumber: '+14255550198', kind: 'subscriberAccess' as const, description: 'Main', enabled: false };
    assert.deepEqual(text(commandsFor({ op: 'edit', identity: ID, draft }, AA)), [
      `Set-CsExUmContact -Identity '${ID}' -SipAddress 'sip:MainAA@litwareinc.com' -DisplayNumber '+14255550198' -AutoAttendant:$false -Description 'Main' -Enabled:$false`,
    ]);
  });
  test('only the description', () => {
    assert.deepEqual(text(commandsFor({ op: 'edit', identity: ID, draft: { ...draftFromContact(AA), description: 'Front desk' } }, AA)), [
      `Set-CsExUmContact -Identity '${ID}' -Description 'Front desk'`,
    ]);
  });
  test('the pool: a move after the set', () => {
    const draft = { ...draftFromContact(AA), description: 'x', registrarPool: 'dal-cs-002.litwareinc.com' };
    assert.deepEqual(text(commandsFor({ op: 'edit', identity: ID, draft }, AA)), [
      `Set-CsExUmContact -Identity '${ID}' -Description 'x'`,
      `Move-CsExUmContact -Identity '${ID}' -Target 'dal-cs-002.litwareinc.com' -Confirm:$false`,
    ]);
  });
  test('an edit without the contact as read now is a programming error', () => {
    assert.throws(() => commandsFor({ op: 'edit', identity: ID, draft: draftFromContact(AA) }, null), /needs the contact as read now/);
  });
});

describe('move and remove', () => {
  test('Move-CsExUmContact -Confirm:$false (it prompts even with -Force)', () => {
    assert.deepEqual(text(commandsFor({ op: 'move', identity: ID, targetPool: 'dal-cs-002.litwareinc.com' }, AA)), [
      `Move-CsExUmContact -Identity '${ID}' -Target 'dal-cs-002.litwareinc.com' -Confirm:$false`,
    ]);
  });
  test('Remove-CsExUmContact -Confirm:$false', () => {
    assert.deepEqual(text(commandsFor({ op: 'remove', identity: ID }, AA)), [`Remove-CsExUmContact -Identity '${ID}' -Confirm:$false`]);
  });
});

/** Values an attacker (or an unlucky admin) could type in a form field or a CSV cell. */
const HOSTILE = [
  "O'Brien",
  'it\u2019s \u2018quoted\u2019 \u201Alow\u201B',
  "'; Remove-CsExUmContact -Identity * ; '",
  '$(Remove-Item C:\\ -Recurse)',
  '$env:USERNAME ${x} @(1) @{a=1}',
  '`n`0 back`ticks`',
  'line one\nline two\r\nline three',
  '"double" ""quotes""',
  "''",
  '\u2019',
  '# not a comment',
  '-Confirm:$true',
  '',
];

describe('hostile values stay one single-quoted literal each', () => {
  const commands: ContactCommand[] = HOSTILE.map((v) => ({
    cmdlet: 'Set-CsExUmContact',
    parameters: [
      { name: 'Identity', value: v },
      { name: 'Description', value: v },
      { name: 'Enabled', value: true },
    ],
  }));

  test('every quote character is doubled inside single quotes; nothing else changes', () => {
    for (const [i, v] of HOSTILE.entries()) {
      const t = renderCommand(commands[i]);
      const quoted = `'${v.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
      assert.equal(t, `Set-CsExUmContact -Identity ${quoted} -Description ${quoted} -Enabled:$true`);
    }
  });

  test('real PowerShell parses each text into one command whose values are exactly the originals', { skip: NO_PWSH }, () => {
    const script = `
$ErrorActionPreference = 'Stop'
$texts = [Console]::In.ReadToEnd() | ConvertFrom-Json
$out = foreach ($t in $texts) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseInput($t, [ref]$tokens, [ref]$errors)
  $cmds = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true))
  $elements = foreach ($e in $cmds[0].CommandElements) {
    if ($e -is [System.Management.Automation.Language.CommandParameterAst]) {
      [pscustomobject]@{ kind = 'param'; name = $e.ParameterName; value = $(if ($e.Argument) { $e.Argument.Extent.Text } else { $null }) }
    } elseif ($e -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
      [pscustomobject]@{ kind = [string]$e.StringConstantType; name = $null; value = $e.Value }
    } else {
      [pscustomobject]@{ kind = $e.GetType().Name; name = $null; value = $e.Extent.Text }
    }
  }
  [pscustomobject]@{ errors = @($errors).Count; statements = $ast.EndBlock.Statements.Count; commands = $cmds.Count; elements = @($elements) }
}
ConvertTo-Json -InputObject @($out) -Depth 5 -Compress
`;
    const texts = commands.map(renderCommand);
    const r = spawnSync(PWSH!, ['-NoProfile', '-NonInteractive', '-Command', script], { input: JSON.stringify(texts), encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as { errors: number; statements: number; commands: number; elements: { kind: string; name: string | null; value: string | null }[] }[];
    assert.equal(parsed.length, HOSTILE.length);
    for (const [i, v] of HOSTILE.entries()) {
      const p = parsed[i];
      assert.equal(p.errors, 0, `parse errors for ${JSON.stringify(v)}`);
      assert.equal(p.statements, 1, `one statement for ${JSON.stringify(v)}`);
      assert.equal(p.commands, 1, `one command for ${JSON.stringify(v)}`);
      assert.deepEqual(
        p.elements,
        [
          { kind: 'BareWord', name: null, value: 'Set-CsExUmContact' },
          { kind: 'param', name: 'Identity', value: null },
          { kind: 'SingleQuoted', name: null, value: v },
          { kind: 'param', name: 'Description', value: null },
          { kind: 'SingleQuoted', name: null, value: v },
          { kind: 'param', name: 'Enabled', value: '$true' },
        ],
        `elements for ${JSON.stringify(v)}`,
      );
    }
  });
});

describe('Enterprise Voice and the preview’s now → after (changesOf)', () => {
  test('an edit turning Enterprise Voice on sends Set-CsExUmContact -EnterpriseVoiceEnabled:$true, and only that', () => {
    const off = { ...AA, enterpriseVoiceEnabled: false };
    const cmds = commandsFor({ op: 'edit', identity: ID, draft: { ...draftFromContact(off), enterpriseVoiceEnabled: true } }, off);
    assert.deepEqual(text(cmds), [`Set-CsExUmContact -Identity '${ID}' -EnterpriseVoiceEnabled:$true`]);
    assert.deepEqual(changesOf(cmds, off), [{ field: 'enterpriseVoiceEnabled', now: false, after: true }]);
  });
  test('left as read (or absent, as from a CSV row without the column): nothing sent', () => {
    assert.deepEqual(commandsFor({ op: 'edit', identity: ID, draft: draftFromContact(AA) }, AA), []);
    const { enterpriseVoiceEnabled: _, ...noColumn } = draftFromContact({ ...AA, enterpriseVoiceEnabled: false });
    assert.deepEqual(commandsFor({ op: 'edit', identity: ID, draft: noColumn }, { ...AA, enterpriseVoiceEnabled: false }), []);
  });
  test('a new number: DisplayNumber and the LineURI it rewrites, each value now → after', () => {
    const cmds = commandsFor({ op: 'edit', identity: ID, draft: { ...draftFromContact(AA), displayNumber: '+14255550198' } }, AA);
    assert.deepEqual(changesOf(cmds, AA), [
      { field: 'displayNumber', now: AA.displayNumber, after: '+14255550198' },
      { field: 'lineUri', now: AA.lineUri, after: 'tel:+14255550198' },
    ]);
  });
  test('a creation: every property from nothing, a Subscriber Access contact unless -AutoAttendant', () => {
    const cmds = commandsFor({ op: 'create', draft: BRANCH_SA_PREFILL }, null);
    const changes = changesOf(cmds, null);
    assert.ok(changes.every((c) => c.now === null));
    assert.deepEqual(
      changes.map((c) => [c.field, c.after]),
      [
        ['sipAddress', BRANCH_SA_PREFILL.sipAddress],
        ['registrarPool', BRANCH_SA_PREFILL.registrarPool],
        ['displayNumber', BRANCH_SA_PREFILL.displayNumber],
        ['lineUri', `tel:${BRANCH_SA_PREFILL.displayNumber}`],
        ['ou', BRANCH_SA_PREFILL.ou],
        ['description', BRANCH_SA_PREFILL.description],
        ['autoAttendant', false],
      ],
    );
  });
  test('a move: the pool now → the target; a removal: each property now → nothing', () => {
    assert.deepEqual(changesOf(commandsFor({ op: 'move', identity: ID, targetPool: 'dal-cs-002.litwareinc.com' }, AA), AA), [
      { field: 'registrarPool', now: AA.registrarPool, after: 'dal-cs-002.litwareinc.com' },
    ]);
    const removed = changesOf(commandsFor({ op: 'remove', identity: ID }, AA), AA);
    assert.ok(removed.length > 0 && removed.every((c) => c.after === null));
    assert.deepEqual(
      removed.find((c) => c.field === 'sipAddress'),
      { field: 'sipAddress', now: AA.sipAddress, after: null },
    );
  });
});
