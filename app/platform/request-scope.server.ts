/**
 * A per-request scope: values computed once per HTTP request and shared by every loader and
 * action of that request (the root's and the route's loaders receive different Request objects,
 * so a cache keyed by Request misses). The production server runs each request in
 * `runInRequestScope`; outside of it (tests calling functions directly) nothing is shared.
 */
import { AsyncLocalStorage } from "node:async_hooks";

type Scope = Map<string, unknown>;

declare global {
  // One storage per process, shared by the server (tsx) and the Remix build's copy of this module.
  var __motRequestScope: AsyncLocalStorage<Scope> | undefined;
}

function storage(): AsyncLocalStorage<Scope> {
  return (globalThis.__motRequestScope ??= new AsyncLocalStorage<Scope>());
}

/** Run `fn` (one request's handling) with a fresh scope. */
export function runInRequestScope<T>(fn: () => T): T {
  return storage().run(new Map(), fn);
}

/** The value for `key` in this request's scope, computed by `load` the first time; uncached outside a scope. */
export function requestScoped<T>(key: string, load: () => Promise<T>): Promise<T> {
  const scope = storage().getStore();
  if (!scope) return load();
  let pending = scope.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    scope.set(key, pending);
    // A failed load is not kept: a later caller in the same request tries again.
    pending.catch(() => scope.delete(key));
  }
  return pending;
}

/** The value already asked for under `key` in this request's scope, if any (nothing outside a scope). */
export function peekRequestScoped<T>(key: string): Promise<T> | undefined {
  return storage().getStore()?.get(key) as Promise<T> | undefined;
}

/**
 * Express middleware: the rest of the request's handling (Remix and every loader and action it
 * calls) runs in a fresh scope. Mount it right before the Remix handler, after anything that
 * reads the body asynchronously.
 */
export function requestScopeMiddleware(_req: unknown, _res: unknown, next: () => void): void {
  runInRequestScope(next);
}

/**
 * The value asked for under `key` in this request's scope, if any, taken out of it: the next caller
 * asks again (a value read for one loader that must not serve a later read of the same request).
 */
export function takeRequestScoped<T>(key: string): Promise<T> | undefined {
  const scope = storage().getStore();
  const value = scope?.get(key) as Promise<T> | undefined;
  if (value) scope!.delete(key);
  return value;
}
