/**
 * The plain-words explanation of a probe outcome: an i18n key under `probe.explain.*`
 * and its English text. Pure (no Node): the prober fills it in, the renderer re-renders the key.
 */
import { type Params, translateDynamic } from '../i18n/translate';

/** The outcome variants the prober reports; each has `probe.explain.<variant>` in en.ts and fr.ts. */
export const PROBE_EXPLANATIONS = [
  'ok',
  'sipError',
  'sipError503',
  'sipErrorAuth',
  'timeoutUdp',
  'timeoutConnect',
  'timeoutTls',
  'timeoutStream',
  'refused',
  'unreachable',
  'socketError',
  'closed',
  'dnsNotFound',
  'dnsFailed',
  'dnsTimeout',
  'tlsName',
  'tlsUntrusted',
  'tlsHandshake',
  'tlsClientCert',
  'protocolError',
] as const;
export type ProbeExplanation = (typeof PROBE_EXPLANATIONS)[number];

/** `refused` splits by transport: UDP, TCP (is the startup mode TLS?) and TLS read differently. */
export function explanationKey(variant: string, params: Params): string {
  if (variant === 'refused') return `probe.explain.refused${params.transport === 'UDP' ? 'Udp' : params.transport === 'TLS' ? 'Tls' : 'Tcp'}`;
  return `probe.explain.${variant}`;
}

export function probeExplanation(variant: string, params: Params): { key: string; text: string } {
  const key = explanationKey(variant, params);
  return { key, text: translateDynamic('en', key, params) };
}
