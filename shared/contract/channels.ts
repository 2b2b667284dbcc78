/**
 * The main ↔ renderer contract, declared once (GitHub Desktop's typed IPC): each channel has a
 * runtime schema for what the renderer may send and a type for what main answers. The preload,
 * the main-process handlers, the in-memory transport of the unit tests and the Playwright bridge
 * of the browser tests all derive from this table.
 *
 * Channel names are `area.action` (engineering anchors §1.5).
 */
import { z } from 'zod';
import type { Finding, RuleArea } from '../model/finding';
import type { ObjectKind, ObjectRef, OrgSource, Severity } from '../model/org';
import { OBJECT_KINDS } from '../model/org';
import { RULE_AREAS, SEVERITIES } from '../model/finding';
import type { ConnectionsView } from '../connections/profile';
import type { ConnectionTestReport } from '../connections/connection-test';
import type { CertPurpose, FileInspection, InspectedCertificate } from '../certificates/cert-model';
import { CERT_PURPOSES, MAX_CERT_FILE_BYTES } from '../certificates/cert-model';
import type { ProbeResult, SipTransport } from '../sip/probe-model';
import type { AuditView } from '../audit/audit-model';
import { type ContactCommand, type ContactDraft, type ContactIssue, type ContactOperation, type ContactsView, MAX_CONTACT_FIELD, MAX_CSV_BYTES } from '../contacts/contact-model';
import type { ExUmContact } from '../model/org';
import { type FailingUser, MAX_SEARCH_RESULTS, type UserSearchResult, type UsersCheckSummary, type UserVerdict } from '../users/user-model';
import { type Availability, type LatencyStats, MAX_MONITOR_INTERVAL_S, MIN_MONITOR_INTERVAL_S, type MonitorFlag, type ProbeSample } from '../sip/monitor-model';

const objectRef = z.strictObject({ kind: z.enum(OBJECT_KINDS as [ObjectKind, ...ObjectKind[]]), id: z.string().min(1).max(2048) });
const noPayload = z.undefined();

export const LanguageSetting = z.enum(['system', 'en', 'fr']);
export type LanguageSetting = z.infer<typeof LanguageSetting>;

// ------------------------------------------------------------- response types

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** The operating system's locale (Electron app.getLocale(), else the environment). */
  readonly systemLocale: string;
}

export interface Settings {
  readonly language: LanguageSetting;
}

export interface OrgSummary {
  readonly source: OrgSource;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly objects: Readonly<Record<string, number>>;
  /** Sections not read whole (OrgModel.readState): the status bar's "N sections partial or not read: details". */
  readonly readIssues?: { readonly partial: number; readonly notRead: number };
}

export type GraphSide = 'skype' | 'exchange';

export interface GraphNode {
  readonly id: string;
  /** The object behind the node; null for a collapsed group. */
  readonly ref: ObjectRef | null;
  readonly kind: ObjectKind;
  readonly side: GraphSide;
  /** The object's name, as the cmdlets print it. */
  readonly label: string;
  /** Technical facts (setting values, addresses): the same in every language. */
  readonly sublabel: string;
  /** A pool's role, translated by the renderer (`role.*`). */
  readonly role: string | null;
  readonly severity: Severity | null;
  readonly findingCount: number;
  /** For a collapsed group: how many objects it stands for, and its key to expand it. */
  readonly group: { readonly key: string; readonly count: number } | null;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type EdgeKind =
  | 'pool-gateway'
  | 'gateway-huntgroup'
  | 'huntgroup-dialplan'
  | 'dialplan-server'
  | 'dialplan-autoattendant'
  | 'dialplan-policy'
  | 'locationprofile-dialplan'
  | 'contact-target'
  | 'contact-pool'
  | 'site-pool'
  | 'pool-mediation'
  | 'mediation-pstn';

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
}

export interface TopologyGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Groups that can be expanded, with their size (for the legend and the search). */
  readonly groups: readonly { readonly key: string; readonly kind: ObjectKind; readonly count: number; readonly expanded: boolean }[];
  /** Milliseconds the main process spent laying the graph out. */
  readonly layoutMs: number;
}

export interface ObjectDetails {
  readonly ref: ObjectRef;
  readonly title: string;
  readonly properties: readonly { readonly name: string; readonly value: string }[];
  readonly findings: readonly Finding[];
  readonly related: readonly { readonly ref: ObjectRef; readonly label: string }[];
}

export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly area: RuleArea;
  readonly sources: readonly string[];
  readonly basis: 'DOC' | 'DERIVED' | 'UNCONFIRMED';
  readonly seeds: readonly string[];
}

export interface ChecksList {
  readonly findings: readonly Finding[];
  readonly total: number;
  readonly rules: Readonly<Record<string, RuleInfo>>;
  /** `needs: 'notRead'`: not judged because the snapshot sections in `sections` were not read (shared/rules/engine.ts notJudged). */
  readonly notEvaluated: readonly { readonly id: string; readonly needs: string; readonly sections?: readonly string[] }[];
  /** Display labels of every object the findings name, so the list reads without more calls. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface TopologySearchResult {
  readonly matches: readonly { readonly ref: ObjectRef; readonly label: string; readonly nodeId: string; readonly groupKey: string | null }[];
}

/** What a capture or an open did: the file (null when the user cancelled the dialog). */
export interface SnapshotFileResult {
  readonly path: string | null;
  readonly bytes: number;
  /** Objects written or read, over all sections. */
  readonly objects: number;
}

/**
 * A profile as the renderer sends it. `password` is write-only: absent keeps the stored one,
 * `''` removes it; it never comes back (ConnectionProfileView.hasSecret says whether one is kept).
 */
export const ProfileInput = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  name: z.string().trim().min(1).max(100),
  exchange: z.string().trim().min(1).max(400),
  skype: z.string().trim().min(1).max(400),
  authentication: z.enum(['kerberos', 'credential']),
  userName: z.string().trim().max(256).nullable().optional(),
  password: z.string().max(1024).optional(),
  forest: z.string().trim().max(100).nullable().optional(),
  role: z.enum(['admin', 'helpdesk']).optional(),
});
export type ProfileInput = z.infer<typeof ProfileInput>;

/** One certificate in use in the org (Certificates screen). */
export interface InventoryCertificate {
  /** The object the org rules name (exchangeCertificate `server\\thumbprint`, skypeCertificate `server|use`). */
  readonly ref: ObjectRef;
  readonly product: 'exchange' | 'skype';
  readonly server: string;
  /** Skype: the pool; Exchange: null. */
  readonly pool: string | null;
  /** Exchange: the services it is bound to (UM, UMCallRouter, IIS, SMTP…); Skype: its use (Default, OAuthTokenIssuer…). */
  readonly usage: readonly string[];
  /** Exchange: false when `usage` lists only the UM bindings, the other services being unknown over remoting (ExchangeCertificate.servicesKnown). Absent: complete. */
  readonly usageComplete?: boolean;
  /** Null when RawData could not be read (then `unreadable` says why). */
  readonly certificate: InspectedCertificate | null;
  readonly unreadable: string | null;
}

export interface CertificateInventory {
  /** The time the per-certificate rules were judged at (ISO). */
  readonly now: string;
  /** Grouped by issuing CA (the issuer name; a self-signed certificate is its own group). */
  readonly groups: readonly { readonly issuer: string; readonly certificates: readonly InventoryCertificate[] }[];
  /** The org rules on certificates and OAuth (R-X-…, R-O-…): across certificates and servers. */
  readonly findings: readonly Finding[];
  /** Display labels of the objects the findings name. */
  readonly labels: Readonly<Record<string, string>>;
}

/** A certificate file sent for offline inspection: its name and bytes (base64), at most 10 MB. */
const inspectFile = z.strictObject({
  name: z.string().min(1).max(260),
  dataBase64: z.string().max(Math.ceil((MAX_CERT_FILE_BYTES + 1) / 3) * 4 + 4),
  /** The PFX password for this file, used once, never stored or logged. */
  password: z.string().max(1024).optional(),
});

/** One SIP peer on the Gateways screen: from the topology or typed by the user. */
export interface GatewayTarget {
  readonly raw: string;
  readonly host: string;
  readonly port: number | null;
  readonly transport: SipTransport;
  readonly source: 'topology' | 'typed';
  /** The topology object it stands for (null for a typed target). */
  readonly ref: ObjectRef | null;
  readonly label: string | null;
  /** False: nothing is ever sent for it (the lab org's hosts do not exist). */
  readonly probeable: boolean;
  readonly notProbeableReason: 'lab' | null;
}

export interface GatewaysView {
  readonly targets: readonly GatewayTarget[];
  /** The loaded org is the built-in lab: its targets are listed, never probed. */
  readonly lab: boolean;
}

/** One target's monitoring history as the screen shows it (the service keeps up to MAX_SAMPLES). */
export interface GatewayHistoryView {
  /** The latest samples, oldest first (at most SPARK_SAMPLES: the sparkline's width). */
  readonly recent: readonly ProbeSample[];
  /** Over every sample kept. */
  readonly availability: Availability;
  readonly latency: LatencyStats;
  readonly firstAddresses: readonly string[] | null;
  readonly firstSeenAt: number | null;
  readonly lastAddresses: readonly string[] | null;
  readonly flags: readonly MonitorFlag[];
}

export interface GatewaysMonitorState {
  readonly active: boolean;
  readonly intervalS: number | null;
  /** Sweeps the monitor has started since it was switched on. */
  readonly rounds: number;
  /** Epoch ms of the next sweep, null while one runs or when off. */
  readonly nextAt: number | null;
}

/** The sweep started by gateways.probe (or the monitor): live while it runs, the last one's results after. */
export interface GatewaysProgress {
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  /** By target raw. */
  readonly results: Readonly<Record<string, ProbeResult>>;
  readonly monitor: GatewaysMonitorState;
  /** Bumped by every result; the renderer sends back the one it holds to skip an unchanged history. */
  readonly revision: number;
  /** By target raw; null when the caller already holds this revision. */
  readonly history: Readonly<Record<string, GatewayHistoryView>> | null;
}

// ------------------------------------------------------------- contacts

/** Where writes go and whether they may: the reason is an i18n message when they may not. */
export interface WriteAccess {
  readonly writable: boolean;
  /** Why not (helpdesk profile, no PowerShell, a snapshot file is open…). */
  readonly reason: { readonly key: string; readonly params: Readonly<Record<string, string | number>> } | null;
  readonly target: 'lab' | 'live' | null;
  /** The account changes run as (null until known). */
  readonly operator: string | null;
}

export interface ContactsScreen {
  readonly view: ContactsView;
  readonly access: WriteAccess;
}

export interface ContactPreview {
  /** Binds this exact preview: contacts.apply runs what was shown, nothing else (expires after 10 min). */
  readonly token: string;
  readonly operation: ContactOperation;
  readonly commands: readonly ContactCommand[];
  /** The exact cmdlets as an admin would type them. */
  readonly commandText: readonly string[];
  /** The R-C rules on the operation (and R-C-09/R-C-10 from the permission checks). */
  readonly issues: readonly ContactIssue[];
  /** An error issue: the operation cannot be applied. */
  readonly blocked: boolean;
  /** Warning rules the admin must acknowledge before applying. */
  readonly acknowledge: readonly string[];
  /** The object as read just now (null for a creation). */
  readonly before: ExUmContact | null;
  /** For a removal or a disable: what stops working (i18n messages). */
  readonly consequences: readonly { readonly key: string; readonly params: Readonly<Record<string, string | number>> }[];
}

export interface FieldDifference {
  readonly field: string;
  readonly shown: string;
  readonly now: string;
}

export interface ContactApplyResult {
  /** stale: the object changed since it was shown (nothing written); refused: the server said no. */
  readonly outcome: 'applied' | 'stale' | 'refused' | 'failed';
  readonly message: string;
  readonly after: ExUmContact | null;
  readonly differences: readonly FieldDifference[];
  readonly auditId: string | null;
}

export interface ImportRowPreview {
  /** 1-based line of the row's first line in the file. */
  readonly line: number;
  /** skip: already in place (safe re-run); invalid: refused with its reasons. */
  readonly action: 'create' | 'update' | 'skip' | 'invalid';
  readonly draft: ContactDraft | null;
  readonly identity: string | null;
  readonly issues: readonly ContactIssue[];
  readonly commandText: readonly string[];
}

export interface ImportPreview {
  readonly token: string;
  readonly fileName: string;
  readonly separator: ',' | ';';
  /** How the bytes were read: UTF-8 (with or without BOM), UTF-16 or Windows-1252 (Excel's "CSV"). */
  readonly encoding: string;
  /** Problems with the file as a whole (no header, a required column missing, too many rows). */
  readonly fileIssues: readonly ContactIssue[];
  readonly rows: readonly ImportRowPreview[];
  readonly counts: Readonly<Record<ImportRowPreview['action'], number>>;
  /** Warning rules among the rows to apply that must be acknowledged. */
  readonly acknowledge: readonly string[];
}

export interface ImportRowResult {
  readonly line: number;
  readonly outcome: 'applied' | 'skipped' | 'refused' | 'failed' | 'stale' | 'not-run';
  readonly message: string;
}

export interface ImportProgress {
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  /** The run stopped at the first failure (stop on error). */
  readonly stopped: boolean;
  readonly results: readonly ImportRowResult[];
}

const contactDraftSchema = z.strictObject({
  ou: z.string().max(MAX_CONTACT_FIELD),
  name: z.string().max(MAX_CONTACT_FIELD),
  sipAddress: z.string().max(MAX_CONTACT_FIELD),
  registrarPool: z.string().max(MAX_CONTACT_FIELD),
  displayNumber: z.string().max(MAX_CONTACT_FIELD),
  kind: z.enum(['subscriberAccess', 'autoAttendant']),
  description: z.string().max(MAX_CONTACT_FIELD),
  enabled: z.boolean().optional(),
});

const identitySchema = z.string().min(1).max(MAX_CONTACT_FIELD);

const contactOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('create'), draft: contactDraftSchema }),
  z.strictObject({ op: z.literal('edit'), identity: identitySchema, draft: contactDraftSchema }),
  z.strictObject({ op: z.literal('move'), identity: identitySchema, targetPool: z.string().min(1).max(MAX_CONTACT_FIELD) }),
  z.strictObject({ op: z.literal('remove'), identity: identitySchema }),
]);

const tokenSchema = z.string().regex(/^[0-9a-f]{32}$/);
const acknowledgedSchema = z.array(z.string().max(20)).max(50);

// ------------------------------------------------------------- users

/** A check of everyone (or of a CSV's users): live while it runs, the last one's result after. */
export interface UsersCheckProgress {
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  readonly summary: UsersCheckSummary;
  /** The failing users so far (at most MAX_FAILING_SHOWN; the exports have them all). */
  readonly failing: readonly FailingUser[];
  /** When the check ended (ISO), null while running or before any. */
  readonly finishedAt: string | null;
}

// ------------------------------------------------------------- the table

/** `channel<Response>()(requestSchema)`: the request type is inferred from its schema. */
function channel<Res>() {
  return <Req extends z.ZodType>(request: Req) => ({ request, response: undefined as unknown as Res });
}

export const CONTRACT = {
  'app.info': channel<AppInfo>()(noPayload),
  'settings.get': channel<Settings>()(noPayload),
  'settings.update': channel<Settings>()(z.strictObject({ language: LanguageSetting })),
  'org.summary': channel<OrgSummary>()(noPayload),
  'topology.graph': channel<TopologyGraph>()(
    z.strictObject({
      expandedGroups: z.array(z.string().max(200)).max(100),
      /** Node ids drawn on their own even inside a collapsed group (search results): the rest of the group stays one node. */
      reveal: z.array(z.string().max(2048)).max(200).optional(),
    }),
  ),
  'topology.search': channel<TopologySearchResult>()(z.strictObject({ query: z.string().max(200) })),
  'topology.object': channel<ObjectDetails>()(z.strictObject({ ref: objectRef })),
  'connections.list': channel<ConnectionsView>()(noPayload),
  'connections.save': channel<ConnectionsView>()(z.strictObject({ profile: ProfileInput })),
  'connections.delete': channel<ConnectionsView>()(z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) })),
  /** Starts opening both shells of the profile and returns at once; the status follows in connections.list. */
  'connections.connect': channel<ConnectionsView>()(z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) })),
  /** Closes both shells (Remove-PSSession) and goes back to the lab org. */
  'connections.disconnect': channel<ConnectionsView>()(noPayload),
  /** Reads the whole org again from the open shells; every screen then shows it. */
  'connections.refresh': channel<OrgSummary>()(noPayload),
  /**
   * Test connection: the prerequisites of a live connection (WSMan client, Kerberos and IP addresses,
   * the jump host in the domain, the pool's certificate and CRLs, the account's roles), each with its
   * fix, rendered in the console's language. A saved profile by id, or the form's fields unsaved.
   */
  'connections.test': channel<ConnectionTestReport>()(
    z.union([z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) }), z.strictObject({ profile: ProfileInput })]),
  ),
  /** Writes what was read to a snapshot file the user chooses (a main-process save dialog). */
  'snapshot.capture': channel<SnapshotFileResult>()(noPayload),
  /** Loads a snapshot file the user chooses (a main-process open dialog); every screen then shows it. */
  'snapshot.open': channel<SnapshotFileResult>()(noPayload),
  'certificates.inventory': channel<CertificateInventory>()(noPayload),
  /** Offline inspection of certificate files (no server involved); a file that cannot be read says why, the others still show. */
  'certificates.inspect': channel<readonly FileInspection[]>()(
    z.strictObject({
      files: z.array(inspectFile).min(1).max(50),
      fqdn: z.string().trim().max(253).optional(),
      purpose: z.enum(CERT_PURPOSES as [CertPurpose, ...CertPurpose[]]).optional(),
    }),
  ),
  'gateways.targets': channel<GatewaysView>()(noPayload),
  /** Adds a typed target for this session; a malformed one is refused with the parse reason. */
  'gateways.addTarget': channel<GatewaysView>()(z.strictObject({ text: z.string().max(300) })),
  'gateways.removeTarget': channel<GatewaysView>()(z.strictObject({ raw: z.string().max(300) })),
  /** Starts a sweep of every probeable target and returns at once; the results follow in gateways.progress. */
  'gateways.probe': channel<GatewaysProgress>()(
    z.strictObject({
      timeoutMs: z.number().int().min(100).max(60_000).optional(),
      concurrency: z.number().int().min(1).max(256).optional(),
    }),
  ),
  'gateways.progress': channel<GatewaysProgress>()(z.strictObject({ since: z.number().int().min(0).optional() })),
  /** Probes everything every `intervalS` seconds and keeps the history per target, until gateways.monitorStop. */
  'gateways.monitor': channel<GatewaysProgress>()(
    z.strictObject({
      intervalS: z.number().int().min(MIN_MONITOR_INTERVAL_S).max(MAX_MONITOR_INTERVAL_S),
      timeoutMs: z.number().int().min(100).max(60_000).optional(),
      concurrency: z.number().int().min(1).max(256).optional(),
    }),
  ),
  'gateways.monitorStop': channel<GatewaysProgress>()(noPayload),
  'contacts.list': channel<ContactsScreen>()(noPayload),
  /** The R-C rules on a form as it is typed: no server call, cheap enough for every keystroke (debounced). */
  'contacts.validate': channel<{ readonly issues: readonly ContactIssue[] }>()(z.strictObject({ operation: contactOperationSchema })),
  /** Validates an operation, reads the object as it is now, and returns the exact cmdlets with a token. */
  'contacts.preview': channel<ContactPreview>()(z.strictObject({ operation: contactOperationSchema })),
  /** Runs a previewed operation (write): refused when the object changed since the preview. */
  'contacts.apply': channel<ContactApplyResult>()(z.strictObject({ token: tokenSchema, acknowledged: acknowledgedSchema })),
  'contacts.importPreview': channel<ImportPreview>()(
    z.strictObject({ fileName: z.string().min(1).max(260), dataBase64: z.string().max(Math.ceil(MAX_CSV_BYTES / 3) * 4 + 4) }),
  ),
  /** Starts applying a previewed import in the background (write); contacts.importProgress follows it. */
  'contacts.importApply': channel<ImportProgress>()(z.strictObject({ token: tokenSchema, stopOnError: z.boolean(), acknowledged: acknowledgedSchema })),
  'contacts.importProgress': channel<ImportProgress>()(noPayload),
  /** Saves the list as CSV where the user chooses. */
  'contacts.export': channel<{ readonly path: string | null; readonly rows: number }>()(noPayload),
  'audit.list': channel<AuditView>()(z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() })),
  'audit.export': channel<{ readonly path: string | null; readonly entries: number }>()(noPayload),
  /** Prefix search (name, SIP, e-mail, extension, phone); live: filtered and paged on the server. */
  'users.search': channel<UserSearchResult>()(z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).optional() })),
  /** One user's two halves, the call path and the verdict (read fresh from the servers when live). */
  'users.verdict': channel<UserVerdict>()(z.strictObject({ sipAddress: z.string().min(1).max(300) })),
  /** Starts checking everyone, or the users a CSV names (one query per line / first column). */
  'users.check': channel<UsersCheckProgress>()(
    z.strictObject({ csv: z.strictObject({ fileName: z.string().min(1).max(260), dataBase64: z.string().max(Math.ceil(MAX_CSV_BYTES / 3) * 4 + 4) }).optional() }),
  ),
  'users.checkProgress': channel<UsersCheckProgress>()(noPayload),
  /** Saves the last check as CSV or as a one-page HTML report where the user chooses. */
  'users.export': channel<{ readonly path: string | null; readonly users: number }>()(z.strictObject({ format: z.enum(['csv', 'html']) })),
  /** Puts the lab org back as shipped (write: the user's copy is replaced). */
  'lab.reset': channel<{ readonly reset: true }>()(noPayload),
  'checks.list': channel<ChecksList>()(
    z.strictObject({
      severities: z.array(z.enum(SEVERITIES as ['error', 'warning', 'info'])).max(3).optional(),
      areas: z.array(z.enum(RULE_AREAS as [RuleArea, ...RuleArea[]])).max(RULE_AREAS.length).optional(),
    }),
  ),
} as const;

export type Contract = typeof CONTRACT;

/**
 * The channels that change something on a server or on disk: refused by the main process for a
 * read-only (helpdesk) profile, whatever the renderer shows.
 */
export const WRITE_CHANNELS: ReadonlySet<keyof typeof CONTRACT> = new Set(['contacts.apply', 'contacts.importApply', 'lab.reset']);
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(CONTRACT) as Channel[];
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Contract[C]['response'];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, value);
}

// ------------------------------------------------------------- envelope

export type IpcErrorCode = 'forbidden' | 'unknown-channel' | 'invalid-payload' | 'failed';

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly code: IpcErrorCode; readonly message: string } };

export class IpcError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcError';
  }
}
