/**
 * `umc test-voicemail USER --test-user A --test-sip S [--connectivity] [--yes] [--lab | --exchange X --skype Y [--user U]] [--json] [--lang fr]`:
 * proves with a real call that USER's voice mail answers (docs/voicemail-tests.md). The test user's
 * password comes from UMC_TEST_PASSWORD or a prompt without echo, never from the command line; it is
 * kept for this run only (the CLI's settings and secret store live in memory).
 * Exit 0 passed, 1 failed (the hop named), 2 bad input (unknown user, missing credentials, not confirmed).
 */
import { type Language, type Params, renderMessage, translate, translateDynamic } from '../../shared/i18n/translate';
import type { SyntheticTestResult } from '../../shared/voicemail/task-output';
import type { MainServices } from '../compose';
import { requestedLanguage } from './capture';
import { checkServerOptions, cliError, type OrgSourceArgs, orgSourceOption, scanArgs } from './cli-args';
import { type CliWriteIo, failLine, openCliServices } from './cli-services';

interface TestVoicemailOptions extends OrgSourceArgs {
  /** The user whose voice mail is tested. */
  target: string;
  testUser: string;
  testSip: string;
  connectivity: boolean;
  yes: boolean;
  json: boolean;
}

/** The name the run's test user is stored under (in memory, for this run). */
const CLI_CREDENTIAL = 'cli';

export function parseTestVoicemail(args: readonly string[]): TestVoicemailOptions {
  const o = { connectivity: false, yes: false, json: false, exchange: null, skype: null, user: null, lang: null } as Omit<TestVoicemailOptions, 'target' | 'testUser' | 'testSip'> & {
    testUser?: string;
    testSip?: string;
  };
  const positional: string[] = [];
  scanArgs(args, {
    option: (a) => {
      if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--connectivity') o.connectivity = a.flag();
      else if (a.name === '--yes') o.yes = a.flag();
      else if (a.name === '--lab') a.flag();
      else if (a.name === '--snapshot') throw cliError('voicemailTest.cli.snapshot');
      else if (a.name === '--test-user') o.testUser = a.value();
      else if (a.name === '--test-sip') o.testSip = a.value();
      else return orgSourceOption(a, o);
      return true;
    },
    positional: (p) => positional.push(p),
  });
  if (positional.length !== 1 || positional[0]!.trim() === '') throw cliError('voicemailTest.cli.user');
  if (!o.testUser || !o.testSip) throw cliError('voicemailTest.cli.testUser');
  checkServerOptions(o);
  return { ...o, target: positional[0]!, testUser: o.testUser, testSip: o.testSip };
}

function resultJson(r: SyntheticTestResult, language: Language) {
  return {
    cmdlet: r.cmdlet,
    command: r.command,
    sipAddress: r.sipAddress,
    passed: r.facts.passed,
    result: r.facts.result,
    latencyMs: r.facts.latencyMs,
    error: r.facts.error,
    diagnosis: r.facts.diagnosis,
    kind: r.placement.kind,
    hop: r.placement.hop,
    pathAgrees: r.placement.pathAgrees,
    explanation: translateDynamic(language, `voicemailTest.kind.${r.placement.kind}.explain`, {}),
    path: r.path.map((h) => ({ hop: h.kind, object: h.label, ok: h.ok, problem: h.problem ? renderMessage(language, h.problem) : null })),
  };
}

function resultText(r: SyntheticTestResult, language: Language): string {
  const t = (k: string, p?: Params) => translateDynamic(language, k, p);
  const title = t(`voicemailTest.kind.${r.placement.kind}.title`);
  const lines: string[] = [];
  if (r.facts.passed) lines.push(t('voicemailTest.result.passed', { cmdlet: r.cmdlet, sip: r.sipAddress, latency: r.facts.latencyMs ?? 0 }));
  else if (r.placement.hop) {
    const hop = t(`users.hop.kind.${r.placement.hop}`);
    lines.push(t('voicemailTest.result.failedAt', { hop, title }));
    lines.push(`  ${t(r.placement.pathAgrees ? 'voicemailTest.result.pathAgrees' : 'voicemailTest.result.pathDisagrees')}`);
  } else lines.push(t('voicemailTest.result.failedNoHop', { title }));
  if (!r.facts.passed) lines.push(`  ${t(`voicemailTest.kind.${r.placement.kind}.explain`)}`);
  lines.push('', t('voicemailTest.cli.commandHeading'), ...r.command.split('\n').map((l) => `  ${l}`), '', t('voicemailTest.cli.rawHeading'), ...r.raw.split('\n').map((l) => `  ${l}`));
  return lines.join('\n') + '\n';
}

export async function runTestVoicemail(args: readonly string[], io: CliWriteIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const fail = failLine(io.err, () => language);
  let o: TestVoicemailOptions;
  try {
    o = parseTestVoicemail(args);
    language = o.lang ?? language;
  } catch (e) {
    return fail(e);
  }
  const env = io.env ?? process.env;
  let services: MainServices | null = null;
  try {
    const password = env.UMC_TEST_PASSWORD || (io.readPassword ? ((await io.readPassword(translate(language, 'voicemailTest.cli.passwordPrompt', { user: o.testUser }))) ?? undefined) : undefined);
    if (!password) throw cliError('voicemailTest.cli.noPassword', { user: o.testUser });
    services = await openCliServices(o, io, language);
    const vm = services.voicemailTest;
    await vm.saveCredential({ name: CLI_CREDENTIAL, userName: o.testUser, sipAddress: o.testSip, password });
    const kind = o.connectivity ? 'connectivity' : 'voicemail';
    const request = { kind, credential: CLI_CREDENTIAL, sipAddress: o.target } as const;
    // Checks the input (user, pool) before asking anything.
    const preview = await vm.preview(request);
    let confirmed = o.yes || !preview.leavesVoiceMail;
    if (!confirmed && io.confirm) confirmed = await io.confirm(translate(language, 'voicemailTest.cli.confirm', { sip: preview.sipAddress }));
    if (!confirmed) throw cliError('voicemailTest.cli.notConfirmed');
    const result = await vm.run({ ...request, confirmed }, password);
    if (o.json) io.out(JSON.stringify(resultJson(result, language), null, 2) + '\n');
    else io.out(resultText(result, language));
    return result.facts.passed ? 0 : 1;
  } catch (e) {
    return fail(e);
  } finally {
    await services?.dispose();
  }
}
