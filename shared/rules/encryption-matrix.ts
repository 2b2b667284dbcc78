/**
 * The one table of how a UM dial plan's VoIP security (New-UMDialPlan / Set-UMDialPlan -VoIPSecurity:
 * Unsecured, SIPSecured, Secured; https://learn.microsoft.com/powershell/module/exchange/set-umdialplan)
 * meets the media encryption of the Skype for Business / Lync pool it is linked to (Set-CsMediaConfiguration
 * -EncryptionLevel: RequireEncryption, the default; SupportEncryption, "SRTP will be used if it can be
 * negotiated"; DoNotSupportEncryption, "SRTP must not be used";
 * https://learn.microsoft.com/powershell/module/skype/set-csmediaconfiguration).
 *
 * Every cell names what happens, the rule that judges it, and the seed sentence it rests on (seed 001 is
 * the Exchange 2013/2016 page on Lync Server 2010/2013, seed 000 the Skype for Business Server 2015 page on
 * Exchange 2010/2013/2016: the same matrix for every version, so one table). Readonly data: the rules R-D-02,
 * R-D-03 and R-D-04 (shared/rules/dial-plan-rules.ts) read their condition from here.
 */
import type { KnownEncryptionLevel, KnownVoipSecurity, Severity } from '../model/org';

/**
 * - `works`: a supported pair (seed 001's table lists it);
 * - `callsFail`: every call from the pool to Exchange UM fails ("Paramètre de sécurité incompatible");
 * - `signallingAndMediaFail`: the pool requires TLS for SIP and SRTP for media, the dial plan offers neither;
 * - `signallingFails`: the pool talks mutual TLS to Exchange UM, the dial plan listens unencrypted;
 * - `phoneEditionFails`: outside seed 001's table: Lync Phone Edition devices do not work.
 */
export type EncryptionOutcome = 'works' | 'callsFail' | 'signallingAndMediaFail' | 'signallingFails' | 'phoneEditionFails';

export interface EncryptionCell {
  readonly voipSecurity: KnownVoipSecurity;
  readonly level: KnownEncryptionLevel;
  readonly outcome: EncryptionOutcome;
  /** The rule that fires on this cell (null: nothing to fix). */
  readonly rule: 'R-D-02' | 'R-D-03' | 'R-D-04' | null;
  readonly severity: Severity | null;
  /** The variant of the rule's message (`rule.<id>.msg.<variant>`). */
  readonly variant: string | null;
  readonly seed: '000' | '001';
  /** The seed sentence, in French, exactly as the seed says it. */
  readonly quote: string;
  /** For a supported cell, the row of seed 001's table that lists it (`Lync Server | Plan de numérotation de messagerie unifiée`). */
  readonly tableRow?: string;
}

/** Seed 001, step 3, the caution on SIPSecured under a pool that requires encryption. */
export const QUOTE_SIPSECURED_REQUIRED =
  'Lorsque le plan de numérotation et les paramètres de sécurité du pool ne sont compatibles, tous les appels vers la messagerie unifiée Exchange à partir du pool frontal échouent, ce qui provoque une erreur de type « Paramètre de sécurité incompatible ».';
/** Seed 001, the same caution: a pool that requires encryption requires it for RTP and SIP. */
export const QUOTE_REQUIRED_MEANS_RTP_AND_SIP =
  'Si vous avez défini le paramètre de sécurité en mode sécurisé SIP afin de requérir le chiffrement du trafic SIP uniquement, ce paramètre n’est pas suffisant dans un plan de numérotation si le pool frontal est configuré pour requérir le chiffrement (ce qui signifie que le pool requiert le chiffrement pour trafic RTP et SIP).';
/** Seed 001, the sentence before the table "Paramètres de chiffrement pour Lync Phone Edition". */
export const QUOTE_PHONE_EDITION_TABLE = 'Un périphérique Lync Phone Edition ne fonctionnera que si les paramètres de chiffrement sont configurés comme indiqué dans le tableau suivant.';
/** Seed 000, the certificates step: Skype and Exchange UM talk mutual TLS. */
export const QUOTE_MUTUAL_TLS =
  'Les certificats sont requis pour la sécurité MTLS (Transport Level Security) mutuelle entre les serveurs exécutant la messagerie un jour Exchange et Skype Entreprise Server.';
/** Seed 001, the sentence before its table's rows: a supported cell is one of them. */
export const QUOTE_TABLE = 'Ce tableau décrit la relation entre les paramètres de chiffrement pour Lync Server et les plans de numérotation de messagerie unifiée.';
/** Seed 001's table, row by row (Lync Server | Plan de numérotation de messagerie unifiée). */
export const TABLE_ROW_REQUIRED = 'Chiffrement requis (valeur par défaut) | Sécurisé';
export const TABLE_ROW_SUPPORT = 'Chiffrement facultatif | Sécurisé SIP/Sécurisé';
export const TABLE_ROW_NONE = 'Aucun chiffrement | Protection SIP';

export const ENCRYPTION_MATRIX: readonly EncryptionCell[] = [
  // Unsecured: never with Skype. Under RequireEncryption both SIP and RTP are refused (the pool requires both).
  {
    voipSecurity: 'Unsecured',
    level: 'RequireEncryption',
    outcome: 'signallingAndMediaFail',
    rule: 'R-D-04',
    severity: 'error',
    variant: 'required',
    seed: '001',
    quote: QUOTE_REQUIRED_MEANS_RTP_AND_SIP,
  },
  { voipSecurity: 'Unsecured', level: 'SupportEncryption', outcome: 'signallingFails', rule: 'R-D-04', severity: 'error', variant: 'default', seed: '000', quote: QUOTE_MUTUAL_TLS },
  { voipSecurity: 'Unsecured', level: 'DoNotSupportEncryption', outcome: 'signallingFails', rule: 'R-D-04', severity: 'error', variant: 'default', seed: '000', quote: QUOTE_MUTUAL_TLS },
  // SIPSecured: SIP encrypted, media not.
  { voipSecurity: 'SIPSecured', level: 'RequireEncryption', outcome: 'callsFail', rule: 'R-D-02', severity: 'error', variant: 'default', seed: '001', quote: QUOTE_SIPSECURED_REQUIRED },
  { voipSecurity: 'SIPSecured', level: 'SupportEncryption', outcome: 'works', rule: null, severity: null, variant: null, seed: '001', quote: QUOTE_TABLE, tableRow: TABLE_ROW_SUPPORT },
  { voipSecurity: 'SIPSecured', level: 'DoNotSupportEncryption', outcome: 'works', rule: null, severity: null, variant: null, seed: '001', quote: QUOTE_TABLE, tableRow: TABLE_ROW_NONE },
  // Secured: SIP and media encrypted.
  { voipSecurity: 'Secured', level: 'RequireEncryption', outcome: 'works', rule: null, severity: null, variant: null, seed: '001', quote: QUOTE_TABLE, tableRow: TABLE_ROW_REQUIRED },
  { voipSecurity: 'Secured', level: 'SupportEncryption', outcome: 'works', rule: null, severity: null, variant: null, seed: '001', quote: QUOTE_TABLE, tableRow: TABLE_ROW_SUPPORT },
  { voipSecurity: 'Secured', level: 'DoNotSupportEncryption', outcome: 'phoneEditionFails', rule: 'R-D-03', severity: 'warning', variant: 'default', seed: '001', quote: QUOTE_PHONE_EDITION_TABLE },
];

/** The cell of a dial plan's VoIP security and a pool's encryption level; undefined for a value neither cmdlet documents. */
export function encryptionCell(voipSecurity: string, level: string): EncryptionCell | undefined {
  return ENCRYPTION_MATRIX.find((c) => c.voipSecurity === voipSecurity && c.level === level);
}
