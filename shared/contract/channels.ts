/**
 * The main ↔ renderer contract, assembled from each feature's channel file (GitHub Desktop's
 * typed IPC): each channel has a runtime schema for what the renderer may send and a type for what
 * main answers; each event, a type for what main pushes. The preload, the main-process handlers,
 * the in-memory transport of the unit tests and the Playwright bridge of the browser tests all
 * derive from these tables.
 *
 * A new channel goes in its feature's `*-channels.ts` beside the feature's domain types, never here.
 */
import type { z } from 'zod';
import { APP_CHANNELS } from '../app/app-channels';
import { AUDIT_CHANNELS } from '../audit/audit-channels';
import { CERTIFICATE_CHANNELS, CERTIFICATE_EVENTS } from '../certificates/certificate-channels';
import { CHECK_CHANNELS } from '../checks/check-channels';
import { CONNECTION_CHANNELS } from '../connections/connection-channels';
import { KNOWN_HOST_CHANNELS } from '../connections/known-host-channels';
import { CONTACT_CHANNELS, CONTACT_EVENTS } from '../contacts/contact-channels';
import { ORG_CHANNELS } from '../model/org-channels';
import { GATEWAY_CHANNELS, GATEWAY_EVENTS } from '../sip/gateway-channels';
import { SNAPSHOT_CHANNELS, SNAPSHOT_EVENTS } from '../snapshot/snapshot-channels';
import { TOPOLOGY_CHANNELS } from '../topology/topology-channels';
import { USER_CHANNELS, USER_EVENTS } from '../users/user-channels';
import { FIX_CHANNELS, FIX_EVENTS } from '../fixes/fix-channels';
import { CHECKLIST_CHANNELS } from '../checklist/checklist-channels';
import { VOICEMAIL_TEST_CHANNELS } from '../voicemail/voicemail-channels';
import { HISTORY_CHANNELS } from '../history/history-channels';
import { BUNDLE_CHANNELS } from '../bundle/bundle-channels';

export const CONTRACT = {
  ...APP_CHANNELS,
  ...ORG_CHANNELS,
  ...TOPOLOGY_CHANNELS,
  ...CONNECTION_CHANNELS,
  ...KNOWN_HOST_CHANNELS,
  ...SNAPSHOT_CHANNELS,
  ...CERTIFICATE_CHANNELS,
  ...GATEWAY_CHANNELS,
  ...CONTACT_CHANNELS,
  ...AUDIT_CHANNELS,
  ...USER_CHANNELS,
  ...CHECK_CHANNELS,
  ...FIX_CHANNELS,
  ...CHECKLIST_CHANNELS,
  ...VOICEMAIL_TEST_CHANNELS,
  ...HISTORY_CHANNELS,
  ...BUNDLE_CHANNELS,
} as const;

export type Contract = typeof CONTRACT;

/**
 * The channels that change something on a server or on disk: refused by the main process for a
 * read-only (helpdesk) profile, whatever the renderer shows.
 */
export const WRITE_CHANNELS: ReadonlySet<keyof typeof CONTRACT> = new Set([
  'contacts.apply',
  'contacts.importApply',
  'lab.reset',
  'connections.approveHostKey',
  'connections.removeHostKey',
  'fixes.apply',
  // Test-CsExUMVoiceMail leaves a voice mail; a stored test user is written to the settings and the secret store.
  'voicemailTest.run',
  'voicemailTest.saveCredential',
  'voicemailTest.removeCredential',
  'history.setRetention',
  // A gateway's TLS profile is written to the settings and its PFX password to the secret store.
  'gateways.setTlsProfile',
  'gateways.clearTlsProfile',
]);
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(CONTRACT) as Channel[];
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Contract[C]['response'];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, value);
}

/**
 * What main pushes: the progress of its background runs. A subscriber first gets the stream's
 * current state (a screen opened mid-run shows where the run is), then each change, coalesced
 * (main/ipc/event-hub.ts): the final state is always delivered.
 */
export const EVENTS = {
  ...GATEWAY_EVENTS,
  ...CONTACT_EVENTS,
  ...USER_EVENTS,
  ...CERTIFICATE_EVENTS,
  ...FIX_EVENTS,
  ...SNAPSHOT_EVENTS,
} as const;

export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
export type EventPayload<E extends EventName> = (typeof EVENTS)[E]['payload'];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, value);
}

/**
 * The port a service publishes its progress through (main/compose.ts gives it the event hub):
 * `publish(event, read)` says the stream changed; `read` gives its state now, and is called when the
 * change is delivered (coalesced), so a burst of changes costs one read. A service publishes its
 * stream once when it is created, so a subscriber gets a state even before the first run.
 */
export interface EventSink {
  publish<E extends EventName>(event: E, read: () => EventPayload<E>): void;
}

/** For a service nobody listens to (the CLI, unit tests of one service). */
export const NO_EVENTS: EventSink = { publish: () => undefined };
