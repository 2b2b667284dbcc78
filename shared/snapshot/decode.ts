/**
 * decodeSnapshot: raw snapshot JSON (remote PowerShell shapes) → readonly OrgModel.
 * Pure: the only outside help is the certificate reader, passed in (Node's X509 in main/).
 *
 * Which property becomes which field is the field tables' (shared/model/exchange-fields.ts,
 * skype-fields.ts; docs/snapshot-format.md, "Field tables"): each kind's straight fields are read
 * through them (read-fields.ts; user-field-readers.ts for the kinds read once per user), and the code
 * here adds only the derived fields — joins between sections, fallbacks, identities rebuilt — each
 * named by a `derived` row. The sections that only feed a join (organization, clientAccess, sipDomains,
 * registrars) are read by hand: they are no model object.
 *
 * The whole file is refused only when it is not a snapshot of this format version (or has no capture
 * time / source). Inside, nothing aborts the read: an object that cannot be read is skipped, a value
 * that cannot be read is left empty, a section that is absent or of the wrong shape is not read — each
 * with a note naming the section, the object and the value, in `OrgModel.readState`
 * (docs/snapshot-format.md, "What a reader skips").
 *
 * Names that reach a fix as `-Server`, `-ComputerName` or `-Identity` — servers, pools and their computers,
 * gateways, SIP domains, registrar pools, the hosts of URLs — are read as names of their form
 * (shared/model/host-name.ts): one that is not (a line break, a quote, `$`, `;`…) skips its object when
 * the object is that name, else is left empty, with the same notes (docs/snapshot-format.md, "Host names").
 */
import { type Message, renderMessage, UserError } from '../i18n/translate';
import {
  AD_PERMISSION_FIELDS,
  EXCHANGE_PARTNER_APPLICATION_FIELDS,
  EXCHANGE_SERVER_FIELDS,
  UM_AUTO_ATTENDANT_FIELDS,
  UM_DIAL_PLAN_FIELDS,
  UM_HUNT_GROUP_FIELDS,
  UM_IP_GATEWAY_FIELDS,
  UM_MAILBOX_POLICY_FIELDS,
  UM_SERVICE_FIELDS,
} from '../model/exchange-fields';
import {
  CS_DIAL_PLAN_FIELDS,
  CS_MEDIA_CONFIGURATION_FIELDS,
  HOSTED_VOICEMAIL_POLICY_FIELDS,
  EX_UM_CONTACT_FIELDS,
  MEDIATION_SERVER_FIELDS,
  OAUTH_CONFIGURATION_FIELDS,
  PSTN_GATEWAY_FIELDS,
  SKYPE_CERTIFICATE_FIELDS,
  SKYPE_PARTNER_APPLICATION_FIELDS,
  SKYPE_POOL_FIELDS,
  SKYPE_SITE_FIELDS,
} from '../model/skype-fields';
import type {
  AdPermission,
  CertificateFacts,
  CsDialPlan,
  CsMediaConfiguration,
  HostedVoicemailPolicy,
  CsScope,
  ExchangeCertificate,
  ExchangePartnerApplication,
  ExchangeServer,
  ExUmContact,
  MediationServer,
  OAuthConfiguration,
  OrgModel,
  PoolRole,
  PstnGateway,
  ReadStateNote,
  SectionKey,
  SectionReadState,
  SkypeCertificate,
  SkypePartnerApplication,
  SkypePool,
  SkypeProduct,
  SkypeSite,
  SkypeUser,
  SourceKind,
  UmAutoAttendant,
  UmDialPlan,
  UmHuntGroup,
  UmIpGateway,
  UmMailbox,
  UmMailboxPolicy,
  UmServiceSettings,
} from '../model/org';
import { isIpLiteral } from '../model/host-name';
import {
  asObject,
  bool,
  bytesBase64,
  checkedName,
  date,
  enumOf,
  escapeControls,
  fail,
  flags,
  nameStr,
  optBool,
  optInt,
  optNameStr,
  optStr,
  type Place,
  type RawObject,
  SnapshotError,
  str,
  strList,
  textOf,
} from './property-readers';
import { ChunkedObjects } from './chunked-objects';
import { fieldReader } from './read-fields';
import { readMailboxFields, readSkypeUserFields, readUmMailboxFields } from './user-field-readers';
import { EXCHANGE_SECTIONS, type ExchangeSectionName, QUERIED_SERVER_PROPERTY, SKYPE_SECTIONS, type SkypeSectionName, SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from './format';

export { parseExchangeVersion } from './property-readers';
export { isIpLiteral } from '../model/host-name';

/** Reads DER certificate bytes (base64). Throws with a readable message when it cannot. */
export type CertificateReader = (rawDataBase64: string) => CertificateFacts;

export interface DecodeOptions {
  readonly readCertificate: CertificateReader;
  /** Overrides what the status bar shows (e.g. the file name for an opened snapshot). */
  readonly sourceKind?: SourceKind;
  readonly sourceLabel?: string;
}

type Decoder<T> = (o: RawObject, p: Place) => T;

const msg = (key: string, params?: Message['params']): Message => ({ key, params });
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------- read state

/** Notes kept per section; past this, one note counts the rest (a 100,000-user section stays readable). */
const MAX_NOTES = 20;
const STATUS_RANK = { read: 0, partial: 1, 'not-read': 2 } as const;
type Status = keyof typeof STATUS_RANK;

interface SectionLog {
  status: Status;
  readonly notes: ReadStateNote[];
  /** Decoder notes beyond MAX_NOTES. */
  more: number;
}

/** `m` with every string parameter, nested messages' too, passed through escapeControls. */
function escapedMessage(m: Message): Message {
  if (!m.params) return m;
  const params: Record<string, string | number | Message> = {};
  for (const [k, v] of Object.entries(m.params)) params[k] = typeof v === 'string' ? escapeControls(v) : typeof v === 'number' ? v : escapedMessage(v);
  return { key: m.key, params };
}

/** How each section was read: the capture's status and notes, and the decoder's own. */
class ReadLog {
  private readonly sections = new Map<SectionKey, SectionLog>();

  private of(key: SectionKey): SectionLog {
    let s = this.sections.get(key);
    if (!s) {
      s = { status: 'read', notes: [], more: 0 };
      this.sections.set(key, s);
    }
    return s;
  }

  atLeast(key: SectionKey, status: Status): void {
    const s = this.of(key);
    if (STATUS_RANK[status] > STATUS_RANK[s.status]) s.status = status;
  }

  /** A capture note, as the snapshot holds it. */
  capture(key: SectionKey, note: ReadStateNote): void {
    this.of(key).notes.push(note);
  }

  /**
   * A decoder note (English text, and the message to show it in the user's language). Its values came from
   * the snapshot: their control characters are escaped (escapeControls), so a crafted value cannot put a
   * line break or a terminal escape sequence into what `umc check` prints or the screen shows.
   */
  note(key: SectionKey, message: Message, reason?: 'skipped'): void {
    const s = this.of(key);
    if (s.notes.filter((n) => n.reason === 'skipped').length >= MAX_NOTES && reason === 'skipped') {
      s.more++;
      return;
    }
    const clean = escapedMessage(message);
    s.notes.push({ text: renderMessage('en', clean), ...(reason ? { reason } : {}), message: clean });
  }

  /** An object or value skipped: the section is at least partial. */
  skipped(key: SectionKey, message: Message): void {
    this.atLeast(key, 'partial');
    this.note(key, message, 'skipped');
  }

  statusOf(key: SectionKey): Status {
    return this.sections.get(key)?.status ?? 'read';
  }

  build(): Readonly<Record<SectionKey, SectionReadState>> | undefined {
    const out: Record<SectionKey, SectionReadState> = {};
    for (const [key, s] of this.sections) {
      const notes = [...s.notes];
      if (s.more > 0) {
        const m = msg('snapshot.note.moreSkipped', { count: s.more, section: key });
        notes.push({ text: renderMessage('en', m), reason: 'skipped', message: m });
      }
      if (s.status === 'read' && notes.length === 0) continue;
      out[key] = { status: s.status, notes };
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
}

/** What names an object in a note: the first of these properties it has. */
const LABEL_KEYS = ['Identity', 'Name', 'PrimarySmtpAddress', 'SipAddress', 'PoolFqdn', 'Fqdn', 'DisplayName', 'Thumbprint', 'Use'];

function objectLabel(o: unknown): string {
  if (!isRecord(o)) return '';
  for (const k of LABEL_KEYS) {
    const t = textOf(o[k])?.trim();
    // A crafted name must not bring a line break or a terminal escape into a note: shown escaped.
    if (t) return escapeControls(t.length > 80 ? t.slice(0, 80) + '…' : t);
  }
  return '';
}

function objectRef(section: string, index: number, o: unknown): Message {
  const label = objectLabel(o);
  return label ? msg('snapshot.note.objectNamed', { section, index, label }) : msg('snapshot.note.object', { section, index });
}

const CAPTURE_REASONS = new Set(['unavailable', 'failed', 'skipped']);

/** The capture's own account of the section (format.ts RawSection.status / notes), checked. */
function captureState(log: ReadLog, key: SectionKey, raw: Record<string, unknown>): void {
  const status = raw.status;
  if (status === 'partial' || status === 'not-read') log.atLeast(key, status);
  else if (status !== undefined && status !== 'read') {
    log.atLeast(key, 'partial');
    log.note(key, msg('snapshot.note.badStatus', { section: key, status: JSON.stringify(status) }));
  }
  if (raw.notes === undefined) return;
  const notes = Array.isArray(raw.notes) ? raw.notes : [raw.notes];
  notes.forEach((n, index) => {
    if (!isRecord(n) || typeof n.text !== 'string') {
      log.note(key, msg('snapshot.note.badNote', { section: key, index }));
      return;
    }
    log.capture(key, {
      text: n.text,
      ...(typeof n.cmdlet === 'string' ? { cmdlet: n.cmdlet } : {}),
      ...(typeof n.reason === 'string' && CAPTURE_REASONS.has(n.reason) ? { reason: n.reason as ReadStateNote['reason'] } : {}),
      ...(typeof n.providedBy === 'string' ? { providedBy: n.providedBy } : {}),
    });
  });
}

/**
 * One section: every object through `decode`; an object that throws is skipped, a value the readers
 * could not read is left empty — each noted. An absent or malformed section is not read.
 */
function readSection<T>(log: ReadLog, group: Record<string, unknown> | null, groupName: string, name: string, command: string, decode: Decoder<T>): T[] {
  const key = `${groupName}.${name}` as SectionKey;
  const raw = group?.[name];
  if (raw === undefined) {
    log.atLeast(key, 'not-read');
    log.note(key, msg('snapshot.note.sectionAbsent', { section: key, command }));
    return [];
  }
  if (!isRecord(raw) || !(Array.isArray(raw.objects) || raw.objects instanceof ChunkedObjects)) {
    log.atLeast(key, 'not-read');
    log.note(key, msg('snapshot.note.sectionShape', { section: key }));
    return [];
  }
  captureState(log, key, raw);
  // A large section may come in pieces (chunked-objects.ts): each is decoded and let go before the next is parsed.
  const pieces: Iterable<readonly unknown[]> = raw.objects instanceof ChunkedObjects ? raw.objects.chunks() : [raw.objects as unknown[]];
  const out: T[] = [];
  // One place for the whole section, its index moved along (a 100,000-user section allocates no place per object).
  const valueProblems: Message[] = [];
  const place: { section: string; index: number; skipValue: (problem: Message) => void } = { section: key, index: 0, skipValue: (problem) => valueProblems.push(problem) };
  let base = 0;
  for (const objects of pieces) {
    for (let j = 0; j < objects.length; j++) {
      const i = base + j;
      place.index = i;
      try {
        out.push(decode(asObject(objects[j], place), place));
      } catch (e) {
        valueProblems.length = 0;
        const problem = e instanceof UserError ? e.detail : e instanceof Error ? e.message : String(e);
        log.skipped(key, msg('snapshot.note.objectSkipped', { object: objectRef(key, i, objects[j]), problem }));
        continue;
      }
      if (valueProblems.length > 0) {
        for (const problem of valueProblems) log.skipped(key, msg('snapshot.note.valueSkipped', { object: objectRef(key, i, objects[j]), problem }));
        valueProblems.length = 0;
      }
    }
    base += objects.length;
  }
  return out;
}

/** Keeps the first of the items that share a key; notes how many were dropped. */
function dedupe<T extends { readonly stableKey: string; readonly stableKind: string }>(log: ReadLog, key: SectionKey, items: T[]): T[] {
  // One set per kind of key (Guid, PrimarySmtpAddress…): values of different kinds never collide.
  const seen = new Map<string, Set<string>>();
  let out: T[] | null = null;
  let dropped = 0;
  let name = '';
  for (let i = 0; i < items.length; i++) {
    const k = items[i].stableKey;
    const kind = items[i].stableKind;
    let set = seen.get(kind);
    if (!set) seen.set(kind, (set = new Set()));
    if (set.has(k)) {
      out ??= items.slice(0, i);
      dropped++;
      name ||= kind;
      continue;
    }
    set.add(k);
    out?.push(items[i]);
  }
  if (dropped > 0) log.note(key, msg('snapshot.note.duplicates', { count: dropped, key: name }));
  return out ?? items;
}

// ---------------------------------------------------------------- Exchange

// The straight fields of each kind, read as its field table says (shared/model/exchange-fields.ts,
// skype-fields.ts); the decoders below add the derived ones.
const readUmService = fieldReader<UmServiceSettings, typeof UM_SERVICE_FIELDS>(UM_SERVICE_FIELDS);
const readExchangeServer = fieldReader<ExchangeServer, typeof EXCHANGE_SERVER_FIELDS>(EXCHANGE_SERVER_FIELDS);
const readUmDialPlan = fieldReader<UmDialPlan, typeof UM_DIAL_PLAN_FIELDS>(UM_DIAL_PLAN_FIELDS);
const readUmIpGateway = fieldReader<UmIpGateway, typeof UM_IP_GATEWAY_FIELDS>(UM_IP_GATEWAY_FIELDS);
const readUmHuntGroup = fieldReader<UmHuntGroup, typeof UM_HUNT_GROUP_FIELDS>(UM_HUNT_GROUP_FIELDS);
const readUmAutoAttendant = fieldReader<UmAutoAttendant, typeof UM_AUTO_ATTENDANT_FIELDS>(UM_AUTO_ATTENDANT_FIELDS);
const readUmMailboxPolicy = fieldReader<UmMailboxPolicy, typeof UM_MAILBOX_POLICY_FIELDS>(UM_MAILBOX_POLICY_FIELDS);
const readExchangePartner = fieldReader<ExchangePartnerApplication, typeof EXCHANGE_PARTNER_APPLICATION_FIELDS>(EXCHANGE_PARTNER_APPLICATION_FIELDS);
const readAdPermission = fieldReader<AdPermission, typeof AD_PERMISSION_FIELDS>(AD_PERMISSION_FIELDS);
const readSkypeSite = fieldReader<SkypeSite, typeof SKYPE_SITE_FIELDS>(SKYPE_SITE_FIELDS);
const readSkypePool = fieldReader<SkypePool, typeof SKYPE_POOL_FIELDS>(SKYPE_POOL_FIELDS);
const readMediationServer = fieldReader<MediationServer, typeof MEDIATION_SERVER_FIELDS>(MEDIATION_SERVER_FIELDS);
const readPstnGateway = fieldReader<PstnGateway, typeof PSTN_GATEWAY_FIELDS>(PSTN_GATEWAY_FIELDS);
const readCsDialPlan = fieldReader<CsDialPlan, typeof CS_DIAL_PLAN_FIELDS>(CS_DIAL_PLAN_FIELDS);
const readCsMediaConfiguration = fieldReader<CsMediaConfiguration, typeof CS_MEDIA_CONFIGURATION_FIELDS>(CS_MEDIA_CONFIGURATION_FIELDS);
const readHostedVoicemailPolicy = fieldReader<HostedVoicemailPolicy, typeof HOSTED_VOICEMAIL_POLICY_FIELDS>(HOSTED_VOICEMAIL_POLICY_FIELDS);
const readExUmContact = fieldReader<ExUmContact, typeof EX_UM_CONTACT_FIELDS>(EX_UM_CONTACT_FIELDS);
const readSkypeCertificate = fieldReader<SkypeCertificate, typeof SKYPE_CERTIFICATE_FIELDS>(SKYPE_CERTIFICATE_FIELDS);
const readOAuthConfiguration = fieldReader<OAuthConfiguration, typeof OAUTH_CONFIGURATION_FIELDS>(OAUTH_CONFIGURATION_FIELDS);
const readSkypePartner = fieldReader<SkypePartnerApplication, typeof SKYPE_PARTNER_APPLICATION_FIELDS>(SKYPE_PARTNER_APPLICATION_FIELDS);

function umServiceSettings(o: RawObject, p: Place): UmServiceSettings {
  return {
    ...readUmService(o, p),
    // The certificate Exchange binds for UM / UMCallRouter is recorded here: UMServer (Get-UMService,
    // Get-UMServer on 2010) and SIPFEServerConfiguration (Get-UMCallRouterSettings) both carry
    // UMCertificateThumbprint (Exchange Server API: SIPFEServerConfiguration.UMCertificateThumbprint,
    // https://learn.microsoft.com/previous-versions/office/exchange-server-api/jj974338(v=exchg.150);
    // UMServer members, https://learn.microsoft.com/previous-versions/office/exchange-server-api/ff337583(v=exchg.150)).
    ...('UMCertificateThumbprint' in o ? { certificateThumbprint: normalizeThumbprint(optStr(o, 'UMCertificateThumbprint', p)) || null } : {}),
  };
}

const normalizeThumbprint = (t: string) => t.replace(/[\s:]/g, '').toUpperCase();

/** Exchange identities of per-server settings are the server name (or FQDN): compare on the first label. */
function hostKey(nameOrFqdn: string): string {
  const dot = nameOrFqdn.indexOf('.');
  return (dot < 0 ? nameOrFqdn : nameOrFqdn.slice(0, dot)).toLowerCase();
}

/** The server a per-server object belongs to: the one the capture asked (UmcQueriedServer), else its Identity (a server name). */
function perServerHost(o: RawObject, p: Place): string {
  return hostKey(optNameStr(o, QUERIED_SERVER_PROPERTY, 'server', p) || nameStr(o, 'Identity', 'server', p));
}

function certificateRef(rawData: string, read: CertificateReader): { facts: CertificateFacts | null; unreadable: string | null; rawData: string } {
  try {
    return { facts: read(rawData), unreadable: null, rawData };
  } catch (e) {
    return { facts: null, unreadable: e instanceof Error ? e.message : String(e), rawData };
  }
}

/** An Exchange certificate before its UM bindings are known. */
interface ExchangeCertificatePart extends Omit<ExchangeCertificate, 'services' | 'servicesKnown' | 'umBindingKnown'> {
  /** The `Services` the capture carried; null when it carried none (over remoting: RawData only). */
  readonly services: readonly string[] | null;
  readonly thumbprint: string;
}

/**
 * Over remoting an ExchangeCertificate arrives as a plain certificate (RawData; PowerShell 7 may
 * rehydrate an X509Certificate2 with a Thumbprint): no Identity, Services or Status
 * (test/fixtures/samples/get-exchangecertificate-clixml-*.txt). The server is the one the capture asked
 * (UmcQueriedServer), else the `server\thumbprint` Identity a projected or lab object keeps.
 */
function exchangeCertificateAt(o: RawObject, p: Place, read: CertificateReader): ExchangeCertificatePart {
  const ref = certificateRef(bytesBase64(o, 'RawData', p), read);
  const identity = optStr(o, 'Identity', p);
  const slash = identity.indexOf('\\');
  const server = optNameStr(o, QUERIED_SERVER_PROPERTY, 'server', p) || (slash > 0 ? checkedName(identity.slice(0, slash), 'server', p, 'Identity') : '');
  if (!server) p.skipValue?.(msg('snapshot.noServer', { sources: `${QUERIED_SERVER_PROPERTY}, Identity "server\\thumbprint"` }));
  let services = o.Services === undefined || o.Services === null ? null : flags(o, 'Services', p);
  // A bare AllowedServices number (a rehydrated enum): Microsoft documents the names, not their values
  // (https://learn.microsoft.com/previous-versions/office/exchange-server-api/ff319670(v=exchg.150)), so it is
  // reported by `flags` and the services stay unknown — the UM bindings are then read where Exchange keeps them.
  if (typeof o.Services === 'number' && o.Services !== 0) services = null;
  const thumbprint = normalizeThumbprint(ref.facts?.thumbprint ?? (optStr(o, 'Thumbprint', p) || (slash > 0 ? identity.slice(slash + 1) : '')));
  return { server, services, thumbprint, ...ref };
}

const CALL_ROUTER_PRODUCTS = new Set(['2013', '2016']);

/**
 * The UM bindings of a certificate that came without `Services`: `UM` when it is the server's UM
 * service certificate, `UMCallRouter` when it is its call router's. Known when the settings of the
 * server were read with UMCertificateThumbprint — or when the server cannot have them: Exchange 2019
 * has no UM (Get-UMService, applicable Exchange 2013, 2016: https://learn.microsoft.com/powershell/module/exchange/get-umservice),
 * call routers are 2013/2016 only (Get-UMCallRouterSettings, applicable Exchange 2013, 2016:
 * https://learn.microsoft.com/powershell/module/exchange/get-umcallroutersettings).
 */
function umBindings(c: ExchangeCertificatePart, servers: ReadonlyMap<string, ExchangeServer>, umRead: boolean, crRead: boolean): { services: string[]; known: boolean } {
  if (!c.server || !c.thumbprint) return { services: [], known: false };
  const s = servers.get(hostKey(c.server));
  const product = s?.version.product;
  const services: string[] = [];
  const binding = (settings: UmServiceSettings | null | undefined, sectionRead: boolean, applies: boolean, name: string): boolean => {
    if (!applies) return true;
    if (!s || !sectionRead) return false;
    if (!settings) return true;
    if (settings.certificateThumbprint === undefined) return false;
    if (settings.certificateThumbprint === c.thumbprint) services.push(name);
    return true;
  };
  const umKnown = binding(s?.umService, umRead, product !== '2019', 'UM');
  const crKnown = binding(s?.callRouter, crRead, product === undefined || CALL_ROUTER_PRODUCTS.has(product), 'UMCallRouter');
  return { services, known: umKnown && crKnown };
}

// ---------------------------------------------------------------- Skype

/** `Site:Atlanta` → `Atlanta`; `Registrar:pool.x` → `pool.x` (XDS / service identities, docs/remote-shapes.md). */
function afterPrefix(identity: string): string {
  const i = identity.indexOf(':');
  return i < 0 ? identity.trim() : identity.slice(i + 1).trim();
}

function scopeOf(identity: string): { scope: CsScope; target: string | null } {
  const lower = identity.toLowerCase();
  if (lower === 'global') return { scope: 'Global', target: null };
  if (lower.startsWith('site:')) return { scope: 'Site', target: identity.slice(5) };
  if (lower.startsWith('service:')) return { scope: 'Service', target: afterPrefix(identity.slice(8)) };
  return { scope: 'User', target: identity.startsWith('Tag:') ? identity.slice(4) : identity };
}

/**
 * Get-CsService returns one role per call: `Role`, or the `Role:PoolFqdn` Identity, names it
 * (test/fixtures/samples/get-csservice-*-fl-1.txt). An object of another role in the section is not that service.
 */
function checkServiceRole(o: RawObject, p: Place, expected: string): void {
  const identity = textOf(o.Identity) ?? '';
  const role = (textOf(o.Role) ?? (identity.includes(':') ? identity.slice(0, identity.indexOf(':')) : '')).trim();
  if (role && role.toLowerCase() !== expected.toLowerCase()) {
    throw new SnapshotError(msg('snapshot.wrongRole', { where: `${p.section}[${p.index}]`, role, expected }));
  }
}

/**
 * Registrar service Version → product (docs/remote-shapes.md: 5 = Lync 2013; the others are
 * inferred from the release order and should be confirmed on a live server).
 */
function skypeProduct(version: number | null): SkypeProduct {
  switch (version) {
    case 3:
      return 'OCS2007R2';
    case 4:
      return 'Lync2010';
    case 5:
      return 'Lync2013';
    case 6:
      return 'SfB2015';
    case 7:
      return 'SfB2019';
    default:
      return 'unknown';
  }
}

/** First RDN removed from a DN, honouring escaped commas (`CN=Doe\, John,OU=…`). */
export function parentDn(dn: string): string {
  for (let i = 0; i < dn.length; i++) {
    if (dn[i] === '\\') {
      i++;
      continue;
    }
    if (dn[i] === ',') return dn.slice(i + 1).trim();
  }
  return '';
}

/** One Get-CsExUmContact object (post-remoting shape) as the model holds it. */
function decodeExUmContactAt(o: RawObject, p: Place): ExUmContact {
  // The Identity is the contact's DN; a rehydrated id object keeps it in DistinguishedName.
  const identity = isRecord(o.Identity) && typeof o.Identity.DistinguishedName === 'string' ? o.Identity.DistinguishedName : str(o, 'Identity', p);
  return { identity, ...readExUmContact(o, p), ou: parentDn(identity) };
}

/**
 * A contact read back after a write through the same decoder as a snapshot's
 * skype.exUmContacts section; throws SnapshotError naming the field when the object is not one.
 */
export function decodeExUmContact(o: unknown): ExUmContact {
  const place: Place = { section: 'skype.exUmContacts', index: 0 };
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new SnapshotError({ key: 'snapshot.notObject' });
  return decodeExUmContactAt(o as RawObject, place);
}

type MailboxPart = ReturnType<typeof mailboxAt>;
type UmMailboxPart = ReturnType<typeof umMailboxAt>;

/** The properties that name one mailbox for good (Get-Mailbox: https://learn.microsoft.com/powershell/module/exchange/get-mailbox). */
const STABLE_MAILBOX_IDS = ['Guid', 'ExchangeGuid', 'DistinguishedName'] as const;

/**
 * A key that names the mailbox for good, to count it once: the paged capture filters on
 * `PrimarySmtpAddress -like 'p*'`, which also matches secondary addresses (Get-Mailbox -Filter), so one
 * mailbox can come back in two pages. Its Guid / ExchangeGuid / DN when captured, else its primary address.
 */
function stableMailboxKind(o: RawObject): (typeof STABLE_MAILBOX_IDS)[number] | 'PrimarySmtpAddress' {
  for (const k of STABLE_MAILBOX_IDS) if (o[k] !== undefined && o[k] !== null && textOf(o[k])) return k;
  return 'PrimarySmtpAddress';
}

/** The mailbox's stable key of its kind (lower case), with the lower-case primary address already computed. */
function stableMailboxKey(o: RawObject, kind: ReturnType<typeof stableMailboxKind>, smtpKey: string): string {
  return kind === 'PrimarySmtpAddress' ? smtpKey : textOf(o[kind])!.toLowerCase();
}

/** The primary SMTP address from the proxy addresses: the `SMTP:` one (upper-case prefix = primary, test/fixtures/samples/get-mailbox-fl-emailaddresses-1.txt). */
function primaryFromProxies(addresses: readonly string[]): string {
  return addresses.find((a) => a.startsWith('SMTP:'))?.slice(5) ?? '';
}

/**
 * The Get-Mailbox part of a mailbox: its straight fields (UM_MAILBOX_FIELDS, through the generated reader),
 * the derived ones, its keys. The straight fields are copied into one flat object: keeping the reader's
 * object nested costs about 15% of a first decode of the 100,000-user org (CPU time, measured).
 */
function mailboxAt(o: RawObject, p: Place) {
  const fields = readMailboxFields(o, p);
  const primarySmtpAddress = optStr(o, 'PrimarySmtpAddress', p) || primaryFromProxies(fields.emailAddresses);
  if (!primarySmtpAddress) fail(p, 'PrimarySmtpAddress', 'string', o.PrimarySmtpAddress);
  const smtpKey = primarySmtpAddress.toLowerCase();
  const stableKind = stableMailboxKind(o);
  return {
    displayName: optStr(o, 'DisplayName', p) || optStr(o, 'Name', p) || primarySmtpAddress,
    primarySmtpAddress,
    // Null when the version's Get-Mailbox has no such property (Select-Object then writes null): not UM-enabled.
    umEnabled: optBool(o, 'UMEnabled', p) ?? false,
    emailAddresses: fields.emailAddresses,
    serverName: one(fields.serverName),
    accountDisabled: fields.accountDisabled,
    smtpKey,
    stableKind,
    stableKey: stableMailboxKey(o, stableKind, smtpKey),
  };
}

/** The Get-UMMailbox part of a mailbox: its straight fields (UM_MAILBOX_FIELDS, copied flat as in mailboxAt), UMEnabled, its keys. */
function umMailboxAt(o: RawObject, p: Place) {
  const primarySmtpAddress = str(o, 'PrimarySmtpAddress', p);
  const smtpKey = primarySmtpAddress.toLowerCase();
  const stableKind = stableMailboxKind(o);
  const fields = readUmMailboxFields(o, p);
  return {
    primarySmtpAddress,
    umEnabled: bool(o, 'UMEnabled', p),
    umDialPlan: one(fields.umDialPlan),
    umMailboxPolicy: one(fields.umMailboxPolicy),
    extensions: fields.extensions,
    sipResourceIdentifier: fields.sipResourceIdentifier,
    smtpKey,
    stableKind,
    stableKey: stableMailboxKey(o, stableKind, smtpKey),
  };
}

const NO_STRINGS: readonly string[] = [];

/** A mailbox (Get-Mailbox) with its UM settings (Get-UMMailbox, null when it is not UM-enabled). */
function mergeMailbox(m: MailboxPart, um: UmMailboxPart | null): UmMailbox {
  return {
    displayName: m.displayName,
    primarySmtpAddress: m.primarySmtpAddress,
    umEnabled: um ? um.umEnabled : m.umEnabled,
    umDialPlan: um?.umDialPlan ?? '',
    umMailboxPolicy: um?.umMailboxPolicy ?? '',
    extensions: um?.extensions ?? NO_STRINGS,
    // Most often the primary address itself: one string for both.
    sipResourceIdentifier: um ? (um.sipResourceIdentifier === m.primarySmtpAddress ? m.primarySmtpAddress : um.sipResourceIdentifier) : '',
    emailAddresses: m.emailAddresses,
    serverName: m.serverName,
    accountDisabled: m.accountDisabled,
  };
}

/**
 * One copy of each value many users share — pools, policies, dial plans, servers — while one snapshot is
 * decoded (set by decodeSnapshot for its run, null otherwise): JSON.parse gives each occurrence its own
 * string, and on the 100,000-user org those copies were about a fifth of the model (docs/large-orgs.md,
 * "Load and check"). Values unique to a user (addresses, names) are not pooled: the pool would cost more
 * than it saves.
 */
let shared: Map<string, string> | null = null;

function one(s: string): string {
  if (shared === null || s === '') return s;
  const had = shared.get(s);
  if (had !== undefined) return had;
  shared.set(s, s);
  return s;
}

/** Every field of a Get-CsUser object is straight (SKYPE_USER_FIELDS); the shared values pooled. */
function skypeUserAt(o: RawObject, p: Place): SkypeUser {
  const u = readSkypeUserFields(o, p);
  u.registrarPool = one(u.registrarPool);
  u.dialPlan = one(u.dialPlan);
  u.voicePolicy = one(u.voicePolicy);
  u.hostedVoicemailPolicy = one(u.hostedVoicemailPolicy);
  return u;
}

const asRaw = (o: unknown): RawObject => {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new SnapshotError({ key: 'snapshot.notObject' });
  return o as RawObject;
};

/** One Get-CsUser object read fresh (the Users screen's live lookups), through the snapshot's decoder. */
export function decodeSkypeUser(o: unknown): SkypeUser {
  return skypeUserAt(asRaw(o), { section: 'skype.users', index: 0 });
}

/** One Get-Mailbox object and its Get-UMMailbox object (null when none), through the snapshot's decoder. */
export function decodeMailbox(mailbox: unknown, umMailbox: unknown | null): UmMailbox {
  const m = mailboxAt(asRaw(mailbox), { section: 'exchange.mailboxes', index: 0 });
  const um = umMailbox == null ? null : umMailboxAt(asRaw(umMailbox), { section: 'exchange.umMailboxes', index: 0 });
  return mergeMailbox(m, um);
}

// ---------------------------------------------------------------- entry point

export function decodeSnapshot(input: unknown, options: DecodeOptions): OrgModel {
  shared = new Map();
  try {
    return decodeWhole(input, options);
  } finally {
    shared = null;
  }
}

function decodeWhole(input: unknown, options: DecodeOptions): OrgModel {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new SnapshotError({ key: 'snapshot.notObject' });
  }
  const top = input as Record<string, unknown>;
  if (top.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError({ key: 'snapshot.notSnapshot', params: { format: JSON.stringify(top.format ?? null), expected: SNAPSHOT_FORMAT } });
  }
  if (top.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotError({ key: 'snapshot.version', params: { version: JSON.stringify(top.formatVersion ?? null), supported: SNAPSHOT_FORMAT_VERSION } });
  }
  const rootPlace: Place = { section: 'snapshot', index: 0 };
  const capturedAt = date(top as RawObject, 'capturedAt', rootPlace);
  const source = top.source;
  if (source === null || typeof source !== 'object') throw new SnapshotError({ key: 'snapshot.noSource' });
  const src = source as RawObject;
  const srcPlace: Place = { section: 'source', index: 0 };
  const kindText = enumOf(src, 'kind', ['lab', 'live'] as const, srcPlace);
  const srcKind: 'lab' | 'live' = kindText === 'lab' ? 'lab' : kindText === 'live' ? 'live' : fail(srcPlace, 'kind', 'oneOf', src.kind, ['lab', 'live']);
  const srcLabel = str(src, 'label', srcPlace);
  const psVersion = str(src, 'powerShellVersion', srcPlace);

  const log = new ReadLog();
  // A group that is absent or not an object: each of its sections is not read (and says so).
  const ex = isRecord(top.exchange) ? top.exchange : null;
  const sk = isRecord(top.skype) ? top.skype : null;
  const exSec = <T>(name: ExchangeSectionName, d: Decoder<T>) => readSection(log, ex, 'exchange', name, EXCHANGE_SECTIONS[name], d);
  const skSec = <T>(name: SkypeSectionName, d: Decoder<T>) => readSection(log, sk, 'skype', name, SKYPE_SECTIONS[name], d);
  const read = options.readCertificate;

  // Exchange ------------------------------------------------------------
  const orgs = exSec('organization', (o, p) => str(o, 'Name', p));
  // Get-UMService (2013/2016) and Get-UMServer (2010) carry the same properties read here.
  const umServices = exSec('umServices', (o, p) => ({ host: perServerHost(o, p), settings: umServiceSettings(o, p) }));
  const callRouters = exSec('callRouters', (o, p) => ({ host: perServerHost(o, p), settings: umServiceSettings(o, p) }));
  // Get-ClientAccessService (2016+) and Get-ClientAccessServer (2010/2013): Name and AutoDiscoverServiceInternalUri alike.
  const clientAccess = exSec('clientAccess', (o, p) => ({
    name: nameStr(o, 'Name', 'server', p),
    uri: optNameStr(o, 'AutoDiscoverServiceInternalUri', 'url', p),
  }));
  const umByHost = new Map(umServices.map((u) => [u.host, u.settings]));
  const crByHost = new Map(callRouters.map((c) => [c.host, c.settings]));
  const casByHost = new Map(clientAccess.map((c) => [hostKey(c.name), c]));

  // Per-server settings name their server by name or FQDN (Identity, or the -Server the capture passed).
  const byServer = <T>(m: ReadonlyMap<string, T>, name: string, fqdn: string) => m.get(hostKey(name)) ?? m.get(hostKey(fqdn));
  const servers = exSec('servers', (o, p): ExchangeServer => {
    const server = readExchangeServer(o, p);
    const { name, fqdn } = server;
    const cas = byServer(casByHost, name, fqdn);
    return {
      ...server,
      umService: byServer(umByHost, name, fqdn) ?? null,
      callRouter: byServer(crByHost, name, fqdn) ?? null,
      autodiscoverInternalUri: cas ? (cas.uri === '' ? null : cas.uri) : null,
    };
  });

  const dialPlans = exSec('dialPlans', (o, p): UmDialPlan => readUmDialPlan(o, p));

  const ipGateways = exSec('ipGateways', (o, p): UmIpGateway => {
    const gateway = readUmIpGateway(o, p);
    return { ...gateway, addressIsIpLiteral: isIpLiteral(gateway.address) };
  });

  const huntGroups = exSec('huntGroups', (o, p): UmHuntGroup => {
    const group = readUmHuntGroup(o, p);
    // `<gateway>\<hunt group>` (Get-UMHuntGroup, https://learn.microsoft.com/powershell/module/exchange/get-umhuntgroup);
    // a rehydrated id object carries the hunt group's name only: the identity is rebuilt from its gateway.
    return { id: typeof o.Identity === 'string' ? o.Identity : `${group.gateway}\\${group.name}`, ...group };
  });

  const autoAttendants = exSec('autoAttendants', (o, p): UmAutoAttendant => readUmAutoAttendant(o, p));

  const mailboxPolicies = exSec('mailboxPolicies', (o, p): UmMailboxPolicy => readUmMailboxPolicy(o, p));

  const certificateParts = exSec('certificates', (o, p) => exchangeCertificateAt(o, p, read));
  const serverByHost = new Map(servers.flatMap((s) => [[hostKey(s.fqdn), s] as const, [hostKey(s.name), s] as const]));
  const umRead = log.statusOf('exchange.umServices') !== 'not-read';
  const crRead = log.statusOf('exchange.callRouters') !== 'not-read';
  let servicesUnknown = 0;
  const bindingUnknown: string[] = [];
  const exchangeCertificates = certificateParts.map(({ services, thumbprint, ...c }): ExchangeCertificate => {
    if (services) return { ...c, services, servicesKnown: true, umBindingKnown: true };
    servicesUnknown++;
    const b = umBindings({ ...c, services, thumbprint }, serverByHost, umRead, crRead);
    if (!b.known) bindingUnknown.push(`${c.server || '?'}\\${thumbprint || '?'}`);
    return { ...c, services: b.services, servicesKnown: false, umBindingKnown: b.known };
  });
  if (servicesUnknown > 0) log.note('exchange.certificates', msg('snapshot.note.servicesUnknown', { count: servicesUnknown }));
  if (bindingUnknown.length > 0) {
    const shown = bindingUnknown.slice(0, 5).join(', ') + (bindingUnknown.length > 5 ? ', …' : '');
    log.note('exchange.certificates', msg('snapshot.note.umBindingUnknown', { count: bindingUnknown.length, certificates: shown }));
  }

  const exchangePartners = exSec('partnerApplications', (o, p): ExchangePartnerApplication => readExchangePartner(o, p));

  const permissions = exSec('permissions', (o, p): AdPermission => readAdPermission(o, p));

  const mailboxes = dedupe(log, 'exchange.mailboxes', exSec('mailboxes', mailboxAt));
  const umMailboxes = dedupe(log, 'exchange.umMailboxes', exSec('umMailboxes', umMailboxAt));
  const umBySmtp = new Map(umMailboxes.map((u) => [u.smtpKey, u]));
  const mergedMailboxes = mailboxes.map((m): UmMailbox => mergeMailbox(m, umBySmtp.get(m.smtpKey) ?? null));

  // Skype ---------------------------------------------------------------
  const sipDomains = skSec('sipDomains', (o, p) => ({ name: nameStr(o, 'Name', 'host', p), isDefault: bool(o, 'IsDefault', p) }));
  const sites = skSec('sites', (o, p): SkypeSite => {
    const site = readSkypeSite(o, p);
    return { ...site, name: optStr(o, 'DisplayName', p) || afterPrefix(site.identity) };
  });
  const siteKind = new Map(sites.map((s) => [s.identity.toLowerCase(), s.kind]));

  const registrars = skSec('registrars', (o, p) => {
    checkServiceRole(o, p, 'Registrar');
    return { pool: nameStr(o, 'PoolFqdn', 'host', p).toLowerCase(), version: optInt(o, 'Version', p) };
  });
  const registrarVersion = new Map(registrars.map((r) => [r.pool, r.version]));

  const pools = skSec('pools', (o, p): SkypePool => {
    const pool = readSkypePool(o, p);
    const { fqdn, site, computers } = pool;
    const services = strList(o, 'Services', p);
    const has = (role: string) => services.some((s) => s.toLowerCase().startsWith(role.toLowerCase() + ':'));
    // Role from the services the pool runs (Get-CsPool has no role property): a Registrar
    // without UserServer is a Director in a central site and an SBA in a branch site;
    // a UserServer pool whose only computer is the pool itself is a Standard Edition server.
    let role: PoolRole = 'FrontEnd';
    if (has('Registrar') && !has('UserServer')) {
      role = siteKind.get(site.toLowerCase()) === 'BranchOffice' ? 'SurvivableBranchAppliance' : 'Director';
    } else if (computers.length === 1 && computers[0].toLowerCase() === fqdn.toLowerCase()) {
      role = 'StandardEdition';
    }
    return {
      ...pool,
      role,
      product: skypeProduct(registrarVersion.get(fqdn.toLowerCase()) ?? null),
      services: services.filter((s) => !!s),
    };
  });

  const mediationServers = skSec('mediationServers', (o, p): MediationServer => {
    checkServiceRole(o, p, 'MediationServer');
    const server = readMediationServer(o, p);
    const registrar = optStr(o, 'Registrar', p);
    return {
      ...server,
      registrar: (registrar && checkedName(afterPrefix(registrar), 'host', p, 'Registrar')) || null,
      gateways: strList(o, 'DependentServiceList', p)
        .filter((s) => s.toLowerCase().startsWith('pstngateway:'))
        .map((s) => checkedName(afterPrefix(s), 'address', p, 'DependentServiceList'))
        .filter((s) => s !== ''),
    };
  });

  const pstnGateways = skSec('pstnGateways', (o, p): PstnGateway => {
    checkServiceRole(o, p, 'PstnGateway');
    const gateway = readPstnGateway(o, p);
    const mediation = strList(o, 'DependentServiceList', p).find((s) => s.toLowerCase().startsWith('mediationserver:'));
    return { ...gateway, mediationServer: (mediation && checkedName(afterPrefix(mediation), 'host', p, 'DependentServiceList')) || null };
  });

  const csDialPlans = skSec('dialPlans', (o, p): CsDialPlan => {
    const plan = readCsDialPlan(o, p);
    const { scope, target } = scopeOf(plan.identity);
    return { ...plan, scope, name: target ?? plan.identity };
  });

  const mediaConfigurations = skSec('mediaConfigurations', (o, p): CsMediaConfiguration => {
    const configuration = readCsMediaConfiguration(o, p);
    return { ...configuration, ...scopeOf(configuration.identity) };
  });

  const hostedVoicemailPolicies = skSec('hostedVoicemailPolicies', (o, p): HostedVoicemailPolicy => {
    const policy = readHostedVoicemailPolicy(o, p);
    return { ...policy, ...scopeOf(policy.identity) };
  });

  const exUmContacts = skSec('exUmContacts', decodeExUmContactAt);

  const poolOfComputer = new Map<string, string>();
  for (const pool of pools) for (const c of pool.computers) poolOfComputer.set(c.toLowerCase(), pool.fqdn);

  const skypeCertificates = skSec('certificates', (o, p): SkypeCertificate => {
    // Get-CsCertificate answers for the server the session is on: the capture names it (UmcQueriedServer),
    // else remoting's PSComputerName does.
    const server = optNameStr(o, QUERIED_SERVER_PROPERTY, 'server', p) || optNameStr(o, 'PSComputerName', 'server', p);
    if (!server) p.skipValue?.(msg('snapshot.noServer', { sources: `${QUERIED_SERVER_PROPERTY}, PSComputerName` }));
    const raw = o.RawData === undefined || o.RawData === null ? '' : bytesBase64(o, 'RawData', p);
    // Get-CsCertificate has no RawData of its own; when the capture could not add it, the
    // printed fields still give the facts the rules need (key size then unknown).
    const ref = raw
      ? certificateRef(raw, read)
      : {
          rawData: '',
          unreadable: null,
          facts: {
            thumbprint: str(o, 'Thumbprint', p).toUpperCase(),
            subject: str(o, 'Subject', p),
            subjectCommonName: /CN=([^,]+)/i.exec(str(o, 'Subject', p))?.[1]?.trim() ?? null,
            issuer: str(o, 'Issuer', p),
            serialNumber: optStr(o, 'SerialNumber', p),
            notBefore: date(o, 'NotBefore', p),
            notAfter: date(o, 'NotAfter', p),
            keyAlgorithm: 'unknown',
            keySize: null,
            signatureAlgorithm: 'unknown',
            subjectAltNames: strList(o, 'AlternativeNames', p).map((d) => `DNS:${d}`),
            extendedKeyUsage: null,
            isCA: false,
            pathLength: null,
            selfSigned: str(o, 'Subject', p) === str(o, 'Issuer', p),
            hasPrivateKey: false,
            crlDistributionPoints: [],
          },
        };
    return { server, pool: poolOfComputer.get(server.toLowerCase()) ?? server, ...readSkypeCertificate(o, p), ...ref };
  });

  const oauthConfigs = skSec('oauth', (o, p): OAuthConfiguration => readOAuthConfiguration(o, p));

  const skypePartners = skSec('partnerApplications', (o, p): SkypePartnerApplication => readSkypePartner(o, p));

  const users = skSec('users', skypeUserAt);

  const readState = log.build();
  return {
    ...(readState ? { readState } : {}),
    source: {
      kind: options.sourceKind ?? srcKind,
      label: options.sourceLabel ?? srcLabel,
      readAt: capturedAt,
      powerShellVersion: psVersion,
    },
    exchange: {
      organizationName: orgs[0] ?? '',
      servers,
      dialPlans,
      ipGateways,
      huntGroups,
      autoAttendants,
      mailboxPolicies,
      certificates: exchangeCertificates,
      partnerApplications: exchangePartners,
      permissions,
    },
    skype: {
      defaultSipDomain: sipDomains.find((d) => d.isDefault)?.name ?? sipDomains[0]?.name ?? '',
      sites,
      pools,
      mediationServers,
      pstnGateways,
      dialPlans: csDialPlans,
      mediaConfigurations,
      hostedVoicemailPolicies,
      exUmContacts,
      certificates: skypeCertificates,
      oauth: oauthConfigs[0] ?? null,
      partnerApplications: skypePartners,
    },
    users,
    mailboxes: mergedMailboxes,
  };
}
