/**
 * The Connections screen's read notes: every section the last live read could not read whole, from the
 * decoded org's read state (capture notes and decoder notes) or, before decoding, from the capture;
 * capture notes rendered in the user's language, the decoder's as they are.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readNotesOf } from '../../../../../main/services/live/connections-service';
import type { CaptureNote } from '../../../../../main/services/live/capture';

const unavailable: CaptureNote = {
  section: 'exchange.umServices',
  status: 'not-read',
  text: 'Get-UMService is not available to this account/version (provided by Exchange 2013, Exchange 2016; roles: UM Management)',
  message: { key: 'capture.note.unavailableBy', params: { cmdlet: 'Get-UMService', providedBy: 'Exchange 2013, Exchange 2016; roles: UM Management' } },
  cmdlet: 'Get-UMService',
  reason: 'unavailable',
  providedBy: 'Exchange 2013, Exchange 2016; roles: UM Management',
};
const unpaged: CaptureNote = {
  section: 'skype.users',
  status: 'read',
  text: '2 objects under "sip:" read in one call',
  message: { key: 'capture.note.unpaged', params: { count: 2, prefix: 'sip:' } },
};

describe('read notes', () => {
  it('from the capture alone: the sections not read whole, in the user\u2019s language', () => {
    assert.deepEqual(readNotesOf('fr', [unavailable, unpaged], undefined), [
      {
        section: 'exchange.umServices',
        status: 'not-read',
        notes: [
          {
            text: 'Get-UMService n’est pas disponible pour ce compte ou cette version (fournie par Exchange 2013, Exchange 2016; roles: UM Management)',
            cmdlet: 'Get-UMService',
            providedBy: 'Exchange 2013, Exchange 2016; roles: UM Management',
          },
        ],
      },
    ]);
  });

  it('from the decoded org: its read state, capture notes rendered, decoder notes as they are', () => {
    const notes = readNotesOf('en', [unavailable], {
      'exchange.umServices': { status: 'not-read', notes: [{ text: unavailable.text, cmdlet: 'Get-UMService', reason: 'unavailable', providedBy: unavailable.providedBy }] },
      'exchange.ipGateways': { status: 'partial', notes: [{ text: 'exchange.ipGateways[3] (GW3): Port "x" is not a number: skipped', reason: 'skipped' }] },
      'skype.pools': { status: 'read', notes: [] },
    });
    assert.deepEqual(notes, [
      { section: 'exchange.umServices', status: 'not-read', notes: [{ text: unavailable.text, cmdlet: 'Get-UMService', providedBy: unavailable.providedBy }] },
      { section: 'exchange.ipGateways', status: 'partial', notes: [{ text: 'exchange.ipGateways[3] (GW3): Port "x" is not a number: skipped' }] },
    ]);
  });
});
