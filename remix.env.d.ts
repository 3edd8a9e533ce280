/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request CSP nonce, set by app/server. */
    cspNonce?: string;
    /** The client's socket address (for rate limiting). */
    clientIp?: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
