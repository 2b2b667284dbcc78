import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConnectionsView, ShellState, ShellStatus } from '../../../../../shared/connections/profile';
import { en } from '../../../../../shared/i18n/en';
import { fr } from '../../../../../shared/i18n/fr';
import { translate } from '../../../../../shared/i18n/translate';
import {
  canRefresh,
  connectionPhase,
  isTransitional,
  kilobytes,
  orgChanged,
  withoutProvider,
  retryLine,
  retrySeconds,
  SHELL_STATE_COLOR,
  shellStatus,
  totalObjects,
} from '../../../../../renderer/src/screens/connections/shell-status';

const STATES: readonly ShellState[] = ['closed', 'connecting', 'open', 'reconnecting', 'broken'];

function shell(name: 'exchange' | 'skype', state: ShellState, extra: Partial<ShellStatus> = {}): ShellStatus {
  return {
    shell: name,
    state,
    endpoint: 'lab:',
    serverVersion: null,
    psVersion: null,
    latencyMs: null,
    lastError: null,
    attempt: 0,
    nextRetryInMs: null,
    queued: 0,
    running: 0,
    since: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

function view(exchange: ShellState, skype: ShellState, extra: Partial<ConnectionsView> = {}): ConnectionsView {
  return { profiles: [], activeProfileId: 'lab', shells: [shell('exchange', exchange), shell('skype', skype)], liveDataLoaded: false, reading: false, readNotes: [], ...extra };
}

describe('state colours', () => {
  test('every state has its own colour and a label in both languages', () => {
    assert.equal(new Set(STATES.map((s) => SHELL_STATE_COLOR[s])).size, STATES.length);
    for (const s of STATES) assert.ok(`connections.state.${s}` in en && `connections.state.${s}` in fr, s);
    assert.deepEqual(STATES.filter(isTransitional), ['connecting', 'reconnecting']);
  });
});

describe('the retry countdown', () => {
  test('milliseconds round up to whole seconds, never below zero', () => {
    assert.equal(retrySeconds(null), null);
    assert.equal(retrySeconds(4001), 5);
    assert.equal(retrySeconds(4000), 4);
    assert.equal(retrySeconds(1), 1);
    assert.equal(retrySeconds(0), 0);
    assert.equal(retrySeconds(-20), 0);
  });

  test('"attempt N, next try in X s" only while connecting or reconnecting', () => {
    const line = retryLine({ state: 'reconnecting', attempt: 3, nextRetryInMs: 7400 });
    assert.deepEqual(line, { key: 'connections.shell.retry', params: { attempt: 3, seconds: 8 } });
    assert.equal(translate('en', line!.key, line!.params), 'attempt 3, next try in 8 s');
    assert.equal(translate('fr', line!.key, line!.params), 'tentative 3, prochain essai dans 8\u00a0s');
    assert.equal(retryLine({ state: 'reconnecting', attempt: 2, nextRetryInMs: 0 })?.key, 'connections.shell.retryNow');
    assert.deepEqual(retryLine({ state: 'connecting', attempt: 2, nextRetryInMs: null }), { key: 'connections.shell.attempt', params: { attempt: 2 } });
    assert.equal(retryLine({ state: 'connecting', attempt: 0, nextRetryInMs: null }), null);
    assert.equal(retryLine({ state: 'broken', attempt: 5, nextRetryInMs: 1000 }), null);
    assert.equal(retryLine({ state: 'open', attempt: 0, nextRetryInMs: null }), null);
  });
});

describe('what the screen derives from the view', () => {
  test('Refresh needs both shells open and no read running', () => {
    assert.equal(canRefresh(null), false);
    assert.equal(canRefresh(view('open', 'open')), true);
    assert.equal(canRefresh(view('open', 'reconnecting')), false);
    assert.equal(canRefresh(view('open', 'open', { reading: true })), false);
    assert.equal(canRefresh(view('open', 'open', { shells: [shell('exchange', 'open')] })), false);
  });

  test('a shell main did not report shows as closed', () => {
    const s = shellStatus(view('open', 'open', { shells: [shell('exchange', 'open')] }), 'skype');
    assert.equal(s.state, 'closed');
    assert.equal(s.shell, 'skype');
    assert.equal(shellStatus(null, 'exchange').state, 'closed');
  });

  test('sizes and counts', () => {
    assert.equal(kilobytes(0), 0);
    assert.equal(kilobytes(10), 0.1);
    assert.equal(kilobytes(1536), 1.5);
    assert.equal(kilobytes(123_456), 121);
    assert.equal(totalObjects({ umDialPlan: 3, skypePool: 4 }), 7);
    assert.equal(translate('fr', 'connections.capture.done', { objects: 1234, path: 'C:\\s.json', size: 1.5 }), '1\u202f234 objets enregistrés dans C:\\s.json (1,5\u00a0Ko)');
  });

  test('the org changed when a read ends or live data comes or goes', () => {
    assert.equal(orgChanged(null, view('open', 'open')), false);
    assert.equal(orgChanged(view('open', 'open', { reading: true }), view('open', 'open', { liveDataLoaded: true })), true);
    assert.equal(orgChanged(view('open', 'open', { liveDataLoaded: true }), view('closed', 'closed', { activeProfileId: null })), true);
    assert.equal(orgChanged(view('open', 'open'), view('open', 'reconnecting')), false);
  });

  test('the phase line', () => {
    assert.equal(connectionPhase(view('closed', 'closed', { activeProfileId: null })), 'notConnected');
    assert.equal(connectionPhase(view('connecting', 'open')), 'opening');
    assert.equal(connectionPhase(view('open', 'open')), 'readyToRead');
    assert.equal(connectionPhase(view('open', 'open', { reading: true })), 'reading');
    assert.equal(connectionPhase(view('open', 'reconnecting', { liveDataLoaded: true })), 'liveLoaded');
    assert.equal(connectionPhase(view('broken', 'open')), null);
  });
});

describe('read notes', () => {
  test('the note loses its trailing "(provided by …)" only when the next column shows that provider', () => {
    const by = 'Exchange 2013, Exchange 2016; roles: UM Management';
    assert.equal(withoutProvider(`Get-UMService is not available to this account/version (provided by ${by})`, by), 'Get-UMService is not available to this account/version');
    assert.equal(withoutProvider(`Get-UMService n’est pas disponible pour ce compte ou cette version (fourni par ${by})`, by), 'Get-UMService n’est pas disponible pour ce compte ou cette version');
    assert.equal(withoutProvider('a server did not answer (timeout)', undefined), 'a server did not answer (timeout)');
    assert.equal(withoutProvider('a server did not answer (timeout)', by), 'a server did not answer (timeout)');
  });
});
