/**
 * Bytes → base64 for the certificates.inspect channel. btoa works on "binary strings"; building one
 * for 10 MB with one String.fromCharCode call overflows the argument limit, so the bytes go through
 * in chunks whose length is a multiple of 3 (each chunk encodes on its own, without padding inside).
 */
const CHUNK = 3 * 0x4000; // 48 KiB, well under the engines' argument-count limits

export function base64FromBytes(input: ArrayBuffer | Uint8Array): string {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.subarray(i, i + CHUNK);
    parts.push(btoa(String.fromCharCode.apply(null, chunk as unknown as number[])));
  }
  return parts.join('');
}

/** base64 → bytes (a certificate's DER for a DER export). */
export function bytesFromBase64(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
