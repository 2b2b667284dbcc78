/** English strings of the synthetic voice-mail tests (Test-CsExUMConnectivity, Test-CsExUMVoiceMail, Test-UMConnectivity); spread into en.ts. Same keys in voicemail-test.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enVoicemailTest = {
  // bad input (UserError)
  'voicemailTest.input.credentialName': 'The test user name “{value}” is not valid: 1 to 64 letters, digits, spaces, dots, dashes or underscores.',
  'voicemailTest.input.account': 'The account “{value}” is not valid: give DOMAIN\\user or user@domain.',
  'voicemailTest.input.sip': 'The SIP address “{value}” is not valid: give sip:user@domain.',
  'voicemailTest.input.pool': 'The pool “{value}” is not a fully qualified domain name.',
  'voicemailTest.input.gateway': 'Name the UM IP gateway the test call goes through.',
  'voicemailTest.input.sameSender': 'The voice mail test cannot leave a message for its own sender ({sip}): Test-CsExUMVoiceMail needs a receiver different from the test user.',
  'voicemailTest.input.unknownCredential': 'No test user named “{name}” is stored. Add it first (its account, SIP address and password).',
  'voicemailTest.input.unknownUser': 'No user {sip} in the org on screen.',
  'voicemailTest.input.noReceiver': 'Name the user whose voice mail the test calls.',
  'voicemailTest.input.noPool': '{sip} has no registrar pool, and neither has the test user: there is no pool to test.',
  'voicemailTest.input.noPassword': 'No password for the test user “{name}”: store it again, or give it in UMC_TEST_PASSWORD.',
  'voicemailTest.refused': 'The voice mail test cannot run here: {reason}',
  'voicemailTest.confirmRequired': 'Test-CsExUMVoiceMail leaves a real voice mail in the mailbox of {sip}: confirm before it runs.',
  'voicemailTest.cmdletError': '{cmdlet} failed: {message}',
  'voicemailTest.noOutput': '{cmdlet} returned no result object.',

  // the kinds of failure, in plain words
  'voicemailTest.kind.passed.title': 'The test call reached voice mail',
  'voicemailTest.kind.passed.explain': 'Skype for Business handed the call to Exchange Unified Messaging, which answered it.',
  'voicemailTest.kind.signIn.title': 'The test user could not sign in',
  'voicemailTest.kind.signIn.explain':
    'The server refused the test user’s credentials (401 Unauthorized) before any call was placed. Check the stored account and password, and that the SIP address belongs to the same account. The call path itself was not tested.',
  'voicemailTest.kind.notSipEnabled.title': 'The user is not enabled for SIP',
  'voicemailTest.kind.notSipEnabled.explain': 'The registrar pool answered that the user does not exist or is not enabled for Skype for Business (ms-diagnostics 4005). The call never left the pool.',
  'voicemailTest.kind.noRoute.title': 'No route from Skype for Business to Exchange UM',
  'voicemailTest.kind.noRoute.explain':
    'The pool found no way to hand the call to Exchange Unified Messaging (ms-diagnostics 15030, “Failed to route to Exchange Server”): no UM IP gateway for the pool, or one that is disabled. ExchUcUtil.ps1 creates the gateway; Enable-UMIPGateway turns it back on.',
  'voicemailTest.kind.rejected.title': 'Exchange UM refused the call',
  'voicemailTest.kind.rejected.explain':
    'Exchange Unified Messaging answered but refused the call (403 Forbidden): it could not match the call to a UM dial plan on that gateway — no hunt group for the user’s dial plan, a dial plan that is not SIP URI, or a mailbox that is not UM-enabled.',
  'voicemailTest.kind.tls.title': 'The secure connection to Exchange UM failed',
  'voicemailTest.kind.tls.explain':
    'The mutual TLS connection between the pool and the UM server failed: a certificate that is expired, untrusted or does not name the server, or a VoIP security setting that does not match the startup mode of UM.',
  'voicemailTest.kind.unreachable.title': 'No Exchange UM server answered',
  'voicemailTest.kind.unreachable.explain':
    'The call was sent but no UM server answered in time (408, or socket error 10060): no server answers the dial plan, the UM service is stopped, or a firewall blocks the port.',
  'voicemailTest.kind.unknown.title': 'The test failed',
  'voicemailTest.kind.unknown.explain': 'The cmdlet reported a failure the console does not recognise. The raw output below says what the server answered.',

  // results
  'voicemailTest.result.passed': 'Passed: {cmdlet} for {sip} ({latency, number} ms).',
  'voicemailTest.result.failedAt': 'Failed at the hop “{hop}”: {title}.',
  'voicemailTest.result.failedNoHop': 'Failed: {title}.',
  'voicemailTest.result.pathAgrees': 'The call path already shows this hop red.',
  'voicemailTest.result.pathDisagrees': 'The org on screen shows no problem on this hop: something changed since the capture, or the cause is outside what the capture reads.',

  // Users screen
  // The Users screen's note, now that one test can be run from it.
  'voicemailTest.ui.screenNote':
    'Look a user up, read the verdict, hand the fix to the role named: no fix is run from this screen. The one thing run here is a test call to voice mail, when you ask for it.',
  'voicemailTest.ui.section': 'Test with a real call',
  'voicemailTest.ui.intro': 'Runs Skype for Business’s synthetic transaction against this user’s voice mail, as a test user whose credentials are stored once.',
  'voicemailTest.ui.kind.voicemail': 'Leave a test voice mail (Test-CsExUMVoiceMail)',
  'voicemailTest.ui.kind.connectivity': 'Connect to UM as the test user (Test-CsExUMConnectivity)',
  'voicemailTest.ui.credential': 'Test user',
  'voicemailTest.ui.noCredential': 'No test user stored yet.',
  'voicemailTest.ui.addCredential': 'Add test user…',
  'voicemailTest.ui.removeCredential': 'Remove',
  'voicemailTest.ui.form.name': 'Name',
  'voicemailTest.ui.form.account': 'Account (DOMAIN\\user)',
  'voicemailTest.ui.form.sip': 'SIP address',
  'voicemailTest.ui.form.password': 'Password',
  'voicemailTest.ui.form.save': 'Save',
  'voicemailTest.ui.form.cancel': 'Cancel',
  'voicemailTest.ui.form.note': 'The password is kept by the operating system’s key store and never shown again.',
  'voicemailTest.ui.preview': 'Preview',
  'voicemailTest.ui.run': 'Run test',
  'voicemailTest.ui.running': 'Running…',
  'voicemailTest.ui.confirmTitle': 'Leave a test voice mail?',
  'voicemailTest.ui.confirmText':
    'This runs the command below on {target, select, lab {the lab org} other {the live servers}}. It leaves a real voice mail in the mailbox of {sip}, and the audit log records it.',
  'voicemailTest.ui.confirm': 'Run it',
  'voicemailTest.ui.raw': 'Output of the cmdlet',
  'voicemailTest.ui.command': 'Command run',
  'voicemailTest.ui.failedHop': 'Test failed here',

  // Checklist
  'voicemailTest.checklist.run': 'Prove it with a real call',
  'voicemailTest.checklist.hint': 'Runs Test-CsExUMConnectivity as the stored test user “{name}”.',
  'voicemailTest.checklist.noCredential': 'Store a test user on the Users screen to prove this step with a real call.',

  // CLI
  'voicemailTest.cli.usage':
    'Usage: umc test-voicemail USER --test-user DOMAIN\\user --test-sip sip:test@domain [--connectivity] [--yes]\n                          [--lab | --snapshot F | --exchange S --skype P [--user DOMAIN\\user]] [--json] [--lang en|fr]\n\nProves with a real call that USER’s voice mail answers: Test-CsExUMVoiceMail from the test user to USER\n(it leaves a voice mail in USER’s mailbox: asked on a terminal, or --yes), or with --connectivity\nTest-CsExUMConnectivity for the test user itself. The result is placed on USER’s call path.\n  --test-user A     the test user’s account; its password from UMC_TEST_PASSWORD, else asked without echo\n                    (never on the command line)\n  --test-sip S      the test user’s SIP address (the same account)\n  --lab             the lab org (the default)\n  --json            print JSON for scripts\n\nExit codes: 0 passed, 1 failed (the hop is named), 2 bad input (unknown user, missing credentials).',
  'voicemailTest.cli.command': '  umc test-voicemail USER --test-user ACCOUNT --test-sip SIP\n                       prove with a real call that the user’s voice mail answers; the hop that fails',
  'voicemailTest.cli.user': 'Name one user: umc test-voicemail USER --test-user DOMAIN\\user --test-sip sip:test@domain.',
  'voicemailTest.cli.testUser': 'Give the test user: --test-user DOMAIN\\user and --test-sip sip:test@domain.',
  'voicemailTest.cli.snapshot': 'A snapshot file has no server to call: use --lab or --exchange and --skype.',
  'voicemailTest.cli.passwordPrompt': 'Password for the test user {user}: ',
  'voicemailTest.cli.noPassword': 'No password for the test user {user}: set UMC_TEST_PASSWORD or run on a terminal.',
  'voicemailTest.cli.confirm': 'Test-CsExUMVoiceMail leaves a voice mail in the mailbox of {sip}. Run it?',
  'voicemailTest.cli.notConfirmed': 'Not run: Test-CsExUMVoiceMail leaves a voice mail; confirm on a terminal or give --yes.',
  'voicemailTest.cli.commandHeading': 'Command run:',
  'voicemailTest.cli.rawHeading': 'Output of the cmdlet:',
  'voicemailTest.cli.hop': 'Hop: {hop}',
} as const;
