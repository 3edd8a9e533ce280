/**
 * The draft in the browser: edits, debounced autosave to the server against the revision the page
 * started from, a copy in localStorage until the server has it (a closed tab or a lost connection
 * loses nothing), a last save with `sendBeacon` when the page is hidden, and conflicts: a save refused
 * because someone else saved first keeps both versions and lets the trainer choose.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { DraftCheck } from "../studio.server";
import { setIn } from "../form-spec";

export const AUTOSAVE_DELAY_MS = 800;

/** `error` when the save was answered by the login page: the session has expired (the draft stays in this browser). */
export const SESSION_EXPIRED = "session-expired";

export type SaveStatus = "saved" | "dirty" | "saving" | "error" | "conflict";

export interface Conflict {
  revision: number;
  content: unknown;
  updatedBy: string | null;
  updatedAt: string;
}

interface Backup {
  revision: number;
  content: unknown;
}

const backupKey = (slug: string) => `mot-draft:${slug}`;

export function useDraft(options: { slug: string; content: unknown; revision: number; check: DraftCheck; canEdit: boolean }) {
  const [content, setContent] = useState<unknown>(options.content);
  const [revision, setRevision] = useState(options.revision);
  const [check, setCheck] = useState<DraftCheck>(options.check);
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [restored, setRestored] = useState(false);
  const latest = useRef({ content, revision, status });
  latest.current = { content, revision, status };
  const inFlight = useRef(false);
  const url = `/author/${options.slug}/draft`;

  // A copy the server has not confirmed yet, from an earlier visit: restore it when it starts from this revision.
  useEffect(() => {
    if (!options.canEdit) return;
    try {
      const raw = window.localStorage.getItem(backupKey(options.slug));
      if (!raw) return;
      const backup = JSON.parse(raw) as Backup;
      if (backup.revision === options.revision && JSON.stringify(backup.content) !== JSON.stringify(options.content)) {
        setContent(backup.content);
        setStatus("dirty");
        setRestored(true);
      } else {
        window.localStorage.removeItem(backupKey(options.slug));
      }
    } catch {
      /* no storage: nothing to restore */
    }
  }, []);

  const save = useCallback(
    async (force?: { revision: number }) => {
      if (inFlight.current) return;
      inFlight.current = true;
      const sent = latest.current.content;
      const base = force?.revision ?? latest.current.revision;
      setStatus("saving");
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { Accept: "application/json" },
          body: new URLSearchParams({ payload: JSON.stringify({ content: sent, revision: base }) }),
        });
        const body = (await response.json().catch(() => null)) as
          | { ok: true; revision: number; check: DraftCheck }
          | { ok: false; conflict: Conflict }
          | { ok: false; error: string; field?: string }
          | null;
        if (body && body.ok) {
          setRevision(body.revision);
          latest.current.revision = body.revision;
          setCheck(body.check);
          setError(null);
          setConflict(null);
          const changedSince = JSON.stringify(latest.current.content) !== JSON.stringify(sent);
          if (!changedSince) {
            try {
              window.localStorage.removeItem(backupKey(options.slug));
            } catch {
              /* ignore */
            }
          } else {
            try {
              window.localStorage.setItem(backupKey(options.slug), JSON.stringify({ revision: body.revision, content: latest.current.content }));
            } catch {
              /* ignore */
            }
          }
          setStatus(changedSince ? "dirty" : "saved");
        } else if (body && !body.ok && "conflict" in body) {
          setConflict(body.conflict);
          setStatus("conflict");
        } else if (response.redirected && new URL(response.url).pathname === "/login") {
          // Logged out meanwhile: the copy in localStorage stays, the save is tried again (logging in, in any tab, lets it through).
          setError(SESSION_EXPIRED);
          setStatus("error");
        } else {
          // A refused save (400: what is wrong, in the trainer's language) keeps the draft here and in localStorage.
          setError(body && !body.ok && "error" in body && typeof body.error === "string" ? body.error : `HTTP ${response.status}`);
          setStatus("error");
        }
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        setStatus("error");
      } finally {
        inFlight.current = false;
      }
    },
    [url, options.slug],
  );

  // Debounced autosave; a failed save is retried.
  useEffect(() => {
    if (!options.canEdit) return;
    if (status !== "dirty" && status !== "error") return;
    const timer = window.setTimeout(() => void save(), status === "error" ? 5000 : AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [status, content, save, options.canEdit]);

  // Leaving the page: send what is not saved yet.
  useEffect(() => {
    if (!options.canEdit) return;
    const flush = () => {
      const { status: s, content: c, revision: r } = latest.current;
      if (s !== "dirty" && s !== "error") return;
      try {
        navigator.sendBeacon(url, new URLSearchParams({ payload: JSON.stringify({ content: c, revision: r }) }));
      } catch {
        /* the localStorage copy remains */
      }
    };
    const onHide = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHide);
    };
  }, [url, options.canEdit]);

  const change = useCallback(
    (path: Array<string | number>, value: unknown) => {
      if (!options.canEdit) return;
      setContent((c: unknown) => {
        const next = setIn(c, path, value);
        try {
          window.localStorage.setItem(backupKey(options.slug), JSON.stringify({ revision: latest.current.revision, content: next }));
        } catch {
          /* ignore */
        }
        return next;
      });
      setStatus((s) => (s === "conflict" ? s : "dirty"));
    },
    [options.canEdit, options.slug],
  );

  const replace = useCallback(
    (next: unknown) => {
      change([], next);
    },
    [change],
  );

  return {
    content,
    revision,
    check,
    status,
    error,
    conflict,
    restored,
    change,
    replace,
    /** Save now (before publishing or test-playing). */
    flush: async () => {
      if (latest.current.status === "dirty" || latest.current.status === "error") await save();
    },
    keepMine: () => conflict && void save({ revision: conflict.revision }),
    takeTheirs: () => {
      if (!conflict) return;
      setContent(conflict.content);
      setRevision(conflict.revision);
      latest.current.revision = conflict.revision;
      setConflict(null);
      setStatus("saved");
      try {
        window.localStorage.removeItem(backupKey(options.slug));
      } catch {
        /* ignore */
      }
    },
  };
}
