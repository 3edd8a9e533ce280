/** HTTP helpers against a running test server (no redirects followed; cookies by hand). */
import { DEMO_PASSWORD } from "../../db/seed";

export async function postForm(
  url: string,
  fields: Record<string, string>,
  { cookie, headers = {} }: { cookie?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

export async function get(
  url: string,
  { cookie, headers = {} }: { cookie?: string; headers?: Record<string, string> } = {},
) {
  return fetch(url, { redirect: "manual", headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export function cookieFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => c && !c.endsWith("="))
    .join("; ");
}

/** Log in through the real form; returns the session cookie. Throws with the status when it fails. */
export async function login(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await postForm(`${baseUrl}/login`, { email, password });
  if (res.status !== 302 && res.status !== 303) {
    throw new Error(`login as ${email} failed: HTTP ${res.status}`);
  }
  const cookie = cookieFrom(res);
  if (!cookie.includes("mot_session=")) throw new Error(`login as ${email}: no session cookie`);
  return cookie;
}
