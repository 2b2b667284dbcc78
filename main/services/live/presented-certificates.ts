/**
 * The certificates Skype for Business servers present in their TLS handshakes — SIP on 5061 (the
 * Default certificate) and internal web services on 443 (WebServicesInternal) — read for the servers
 * Get-CsCertificate cannot reach: that cmdlet has no -Server and "returns information about
 * certificates on the local computers" (https://learn.microsoft.com/powershell/module/skype/get-cscertificate),
 * so a remote session sees one Front End's only. Ports: Front End Servers and Directors listen on 5061
 * TCP (TLS) "for all internal SIP communications", and on 443 HTTPS for the IIS web components
 * (https://learn.microsoft.com/skypeforbusiness/plan-your-deployment/network-requirements/ports-and-protocols).
 *
 * Live orgs only: the caller never asks for the lab org's hosts, which do not exist (not even DNS).
 * The handshake only: nothing is sent after it, the peer is not trusted or judged here (the
 * certificate rules judge the bytes, like every other certificate of the inventory).
 */
import type { LookupFunction } from 'node:net';
import * as tls from 'node:tls';
import { dnsNamesOf } from '../../../shared/certificates/cert-model';
import { readCertificateDer } from '../certificates/certificate-reader';

/** Where each kind of certificate is presented on a Front End (and the Get-CsCertificate Use it stands for). */
export const PRESENTED_PORTS: readonly { readonly port: number; readonly use: string }[] = [
  { port: 5061, use: 'Default' },
  { port: 443, use: 'WebServicesInternal' },
];

export interface PresentedOptions {
  readonly timeoutMs?: number;
  /** Handshakes in flight. */
  readonly concurrency?: number;
  /** Tests: where names resolve, and the port actually dialled for a well-known port. */
  readonly lookup?: LookupFunction;
  readonly portOf?: (server: string, port: number) => number;
}

export interface PresentedResult {
  /** Objects in the shape of the Get-CsCertificate section, labelled with the server that presented them. */
  readonly objects: Record<string, unknown>[];
  readonly failures: readonly { readonly server: string; readonly port: number; readonly detail: string }[];
}

/** The property a handshake-read certificate carries: `server:port` it was presented on. */
export const PRESENTED_ON_PROPERTY = 'UmcPresentedOn';

/** The DER of the certificate a TLS server presents (no trust decision: any certificate is read). */
export function presentedCertificate(host: string, port: number, o: PresentedOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: host, rejectUnauthorized: false, lookup: o.lookup, ALPNProtocols: undefined });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake within ${Math.round((o.timeoutMs ?? 5000) / 1000)} s`));
    }, o.timeoutMs ?? 5000);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      socket.end();
      socket.destroy();
      if (!cert || !cert.raw) reject(new Error('no certificate presented'));
      else resolve(cert.raw);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    });
  });
}

/** A presented certificate as a Get-CsCertificate object (its bytes in RawData, like every certificate read); its printed fields by the one reader. */
export function asCsCertificate(raw: Buffer, server: string, port: number, use: string): Record<string, unknown> {
  const facts = readCertificateDer(raw);
  return {
    Issuer: facts.issuer,
    NotAfter: facts.notAfter,
    NotBefore: facts.notBefore,
    SerialNumber: facts.serialNumber,
    Subject: facts.subject,
    AlternativeNames: dnsNamesOf(facts),
    Thumbprint: facts.thumbprint,
    Use: use,
    RawData: raw.toString('base64'),
    PSComputerName: server,
    [PRESENTED_ON_PROPERTY]: `${server}:${port}`,
  };
}

/** Every server's presented certificates, a few handshakes at a time; each failure kept with its reason. */
export async function presentedSkypeCertificates(servers: readonly string[], o: PresentedOptions = {}): Promise<PresentedResult> {
  const jobs = servers.flatMap((server) => PRESENTED_PORTS.map((p) => ({ server, ...p })));
  const objects: Record<string, unknown>[] = [];
  const failures: { server: string; port: number; detail: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const j = jobs[next++]!;
      try {
        const raw = await presentedCertificate(j.server, o.portOf ? o.portOf(j.server, j.port) : j.port, o);
        objects.push(asCsCertificate(raw, j.server, j.port, j.use));
      } catch (e) {
        failures.push({ server: j.server, port: j.port, detail: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 8, jobs.length)) }, worker));
  const order = (a: { server: string; port: number }, b: { server: string; port: number }) => a.server.localeCompare(b.server) || a.port - b.port;
  objects.sort((a, b) => String(a[PRESENTED_ON_PROPERTY]).localeCompare(String(b[PRESENTED_ON_PROPERTY])));
  failures.sort(order);
  return { objects, failures };
}
