/**
 * "Never drop a trainee's words": what the trainee typed or sent on a call is kept in this tab's
 * sessionStorage, keyed by the call, until the server has it (its answer confirms the turn). A send that
 * does not arrive — the session expired and the answer is the login page, the tab reloaded, the network
 * failed — leaves the words there; the call page puts them back in the reply box when it opens again,
 * and the login page says so. Browser only, no dependencies (the call page's bundle stays small).
 */

/** The words of one call not confirmed by the server: the reply sent and waiting, what is in the box. */
export interface KeptReply {
  sent?: string;
  box?: string;
}

export const keptReplyKey = (callId: string) => `mot-reply:${callId}`;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null; // storage disabled: nothing kept, nothing restored
  }
}

export function readKeptReply(callId: string): KeptReply {
  try {
    const raw = storage()?.getItem(keptReplyKey(callId));
    if (!raw) return {};
    const value = JSON.parse(raw) as unknown;
    if (!value || typeof value !== "object") return {};
    const { sent, box } = value as Record<string, unknown>;
    return { ...(typeof sent === "string" && sent.trim() ? { sent } : {}), ...(typeof box === "string" && box.trim() ? { box } : {}) };
  } catch {
    return {};
  }
}

export function writeKeptReply(callId: string, kept: KeptReply): void {
  try {
    const s = storage();
    if (!s) return;
    const sent = kept.sent?.trim() ? kept.sent : undefined;
    const box = kept.box?.trim() ? kept.box : undefined;
    if (!sent && !box) s.removeItem(keptReplyKey(callId));
    else s.setItem(keptReplyKey(callId), JSON.stringify({ sent, box }));
  } catch {
    /* full or disabled: the words stay in the page */
  }
}

/** The kept words as one text for the box (the reply sent first, then what was typed after it). */
export function keptText(kept: KeptReply): string {
  return [kept.sent, kept.box].filter((x): x is string => Boolean(x?.trim())).join("\n");
}

/** The call a "go back to" address is, when it is a live call's page (`/calls/<id>`). */
export function callIdOfPath(path: string | null | undefined): string | null {
  const m = /^\/calls\/([0-9a-fA-F-]{36})\/?(?:[?#].*)?$/.exec(path ?? "");
  return m?.[1] ?? null;
}
