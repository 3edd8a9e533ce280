import { createContext, useContext } from "react";

const NonceContext = createContext<string | undefined>(undefined);
export const NonceProvider = NonceContext.Provider;
/** The CSP nonce for inline scripts (server only; empty on the client). */
export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
