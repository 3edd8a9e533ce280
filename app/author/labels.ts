/**
 * How the studio's form names a drop-down's option and a condition, in the reader's language: the channel as the
 * rest of the app says it ("Phone", "In person"), a condition's kind translated ("Sujet : order-number") while
 * the stored value stays the format's ("topic:order-number").
 */
import "./messages";
import "./messages-studio";
import { isMessageKey } from "../forms/field-errors";
import type { MessageKey, TFunction } from "../i18n";
import { MOOD_LABEL } from "../i18n/labels";

const CHANNEL_LABEL: Record<string, MessageKey> = { phone: "common.channelPhone", "in-person": "common.channelInPerson" };

/** The words of an option of a drop-down (the value itself when it has none). */
export function optionLabel(t: TFunction, field: string, option: string): string {
  if (field === "openingMood" && option in MOOD_LABEL) return t(MOOD_LABEL[option as keyof typeof MOOD_LABEL]);
  if (field === "channel" && option in CHANNEL_LABEL) return t(CHANNEL_LABEL[option]!);
  const k = `author.option_${option.replace(/-/g, "_")}`;
  return isMessageKey(k) ? t(k) : option;
}

const KIND_LABEL: Record<string, MessageKey> = { topic: "authorStudio.condTopic", fact: "authorStudio.condFact", need: "authorStudio.condNeed" };

/** A condition as the studio shows it: a move by its name ("check with a colleague"), else its kind in words and its id. */
export function conditionText(t: TFunction, c: string): string {
  const colon = c.indexOf(":");
  if (colon < 0) {
    const key = `author.move_${c}`;
    return isMessageKey(key) ? t(key) : c.replace(/_/g, " ");
  }
  const kind = KIND_LABEL[c.slice(0, colon)];
  return kind ? t(kind, { id: c.slice(colon + 1) }) : `${c.slice(0, colon)}: ${c.slice(colon + 1)}`;
}
