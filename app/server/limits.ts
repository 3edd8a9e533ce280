/**
 * How large a request body may be, per path prefix (decision 120). The longest matching prefix
 * wins; "/" is the default. Forms are small: a turn is at most 2,000 characters, the admin and
 * login forms less. To let a route take an upload, add its prefix here, e.g. the scenario
 * studio's YAML import (files up to about 1 MB):
 *
 *   { prefix: "/author", bytes: 1536 * 1024 },
 */
export interface BodyLimit {
  prefix: string;
  bytes: number;
}

export const FORM_BODY_LIMIT = 256 * 1024;

export const BODY_LIMITS: readonly BodyLimit[] = [
  { prefix: "/", bytes: FORM_BODY_LIMIT },
  // The scenario studio: a whole draft is autosaved as one form field, and YAML files are imported (issue 13).
  { prefix: "/author", bytes: 1536 * 1024 },
];

/**
 * The limit for a path: the longest prefix that matches it as a whole segment
 * ("/author" matches "/author", "/author/x" and Remix's data request "/author.data", not "/authors").
 */
export function bodyLimitFor(path: string, limits: readonly BodyLimit[] = BODY_LIMITS): number {
  let best: BodyLimit | undefined;
  for (const limit of limits) {
    const p = limit.prefix.endsWith("/") ? limit.prefix.slice(0, -1) : limit.prefix;
    const matches = p === "" || path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}.`);
    if (matches && (!best || limit.prefix.length > best.prefix.length)) best = limit;
  }
  return best?.bytes ?? FORM_BODY_LIMIT;
}
