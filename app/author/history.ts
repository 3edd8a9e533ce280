/**
 * The history of a scenario as the versions page shows it: each audit event's action in the reader's words
 * (never its code), and the autosaves a person made one after the other as one line ("Edited 15 times,
 * 10:02–10:05"): the editor saves a draft every few seconds, so a few minutes of work are dozens of events.
 */
import "./messages-studio";
import type { MessageKey } from "../i18n";

export interface HistoryEvent {
  action: string;
  data: unknown;
  /** ISO time. */
  at: string;
  actor: string | null;
}

export interface HistoryLine {
  action: string;
  actor: string | null;
  /** Events on this line (more than 1 only for edits). */
  count: number;
  /** The first and last event's time (equal for a single event). */
  from: string;
  to: string;
  /** The version the event names (published, rolled back to), if any. */
  version: number | null;
}

const ACTION_KEYS: Record<string, MessageKey> = {
  "scenario.created": "authorStudio.historyCreated",
  "scenario.imported": "authorStudio.historyImported",
  "scenario.edited": "authorStudio.historyEdited",
  "scenario.published": "authorStudio.historyPublished",
  "scenario.rolled-back": "authorStudio.historyRolledBack",
  "scenario.archived": "authorStudio.historyArchived",
  "scenario.restored": "authorStudio.historyRestored",
  "scenario.test-added": "authorStudio.historyTestAdded",
  "scenario.test-removed": "authorStudio.historyTestRemoved",
};

/** The message of an action, with its variables (an unknown action is named by its code, as a last resort). */
export function historyActionMessage(line: Pick<HistoryLine, "action" | "count">): { key: MessageKey; vars: Record<string, string | number> } {
  const key = ACTION_KEYS[line.action];
  return key ? { key, vars: { count: line.count } } : { key: "authorStudio.historyOther", vars: { action: line.action } };
}

function versionOf(data: unknown): number | null {
  if (!data || typeof data !== "object" || !("version" in data)) return null;
  const v = Number((data as { version: unknown }).version);
  return Number.isInteger(v) ? v : null;
}

/** Events newest first → lines newest first, consecutive edits by the same person grouped. */
export function historyLines(events: readonly HistoryEvent[]): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const e of events) {
    const last = lines.at(-1);
    if (last && e.action === "scenario.edited" && last.action === "scenario.edited" && last.actor === e.actor) {
      last.count++;
      last.from = e.at; // older (events come newest first)
      continue;
    }
    lines.push({ action: e.action, actor: e.actor, count: 1, from: e.at, to: e.at, version: versionOf(e.data) });
  }
  return lines;
}
