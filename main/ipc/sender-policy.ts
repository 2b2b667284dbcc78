/**
 * Who may call: the first of the two validations every message gets.
 * A request is accepted only from the main frame of a WebContents we created, whose origin is
 * the app's own (`app://umc` in Electron; the harness's loopback origin in browser tests).
 */
export interface SenderInfo {
  /** Origin of the frame that sent the message, parsed with URL (never a prefix test). */
  readonly url: string;
  readonly isMainFrame: boolean;
  /** The WebContents is one the app created (GitHub Desktop's trusted sender ids). */
  readonly trustedContents: boolean;
}

export interface SenderPolicy {
  check(sender: SenderInfo): string | null;
}

export function originPolicy(allowedOrigins: readonly string[]): SenderPolicy {
  const allowed = new Set(allowedOrigins);
  return {
    check(sender) {
      if (!sender.trustedContents) return 'the sender is not a window of this application';
      if (!sender.isMainFrame) return 'the sender is a sub-frame';
      let origin: string;
      try {
        origin = new URL(sender.url).origin;
      } catch {
        return 'the sender has no valid URL';
      }
      // `app://umc` parses with origin "null" in WHATWG URL for non-special schemes: compare protocol+host then.
      if (origin === 'null') {
        const u = new URL(sender.url);
        origin = `${u.protocol}//${u.host}`;
      }
      return allowed.has(origin) ? null : `origin ${origin} is not allowed`;
    },
  };
}
