/**
 * Drafting with a model (issue 13 step 9, decision 155): the trainer pastes a document (a story like the
 * seeds, a procedure, a real call transcript) and the configured model writes a complete bilingual draft
 * in the scenario format. The draft is stored like any other — validated in the editor, checked, tested —
 * and is never published without a trainer. Offline (no model configured), the templates are the start.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { createChatModel } from "../engine/models";
import { llmEnvOf } from "../env.server";
import { templateContent } from "./templates";
import { createScenario, type Actor, type CreateResult } from "./studio.server";

export const MAX_DOCUMENT_CHARS = 20_000;
/** Drafting writes a whole scenario: it gets more time than a customer line. */
const DRAFT_TIMEOUT_MS = 120_000;

/** The prompt: the format by example (the in-person template) and the document, with what a good draft holds. */
export const DRAFT_PROMPT = `You write training scenarios for receptionists, in the YAML-equivalent JSON format shown in the EXAMPLE.
From the DOCUMENT, write ONE complete scenario as a single JSON object (no prose, no code fence):
- every text in English ("en") and French ("fr"), the French natural for the setting;
- a customer with a persona and patience, opening lines, a goal and "resolvedWhen";
- "topics": what the receptionist may talk about, each with 10 or more example phrases per language, written as
  a receptionist would say them, in many voices (short, long, informal, with typos) — never regular expressions;
- "facts" the customer only tells when asked (unlockedBy: moves or "topic:<id>"), "needs" she will voice later
  ("voicedWhen": {"after": [...]}), met by moves or topics, with "voice-need:<id>" lines;
- "knows": what the receptionist knows that the customer does not, with example phrases;
- a rubric (empathy, resolution, anticipation) whose checkpoints have coaching tips in both languages.
Moves: greet, introduce, acknowledge_feeling, apologize, reassure, use_name, ask_question, paraphrase, take_ownership,
check_with_colleague, explain, offer_solution, set_expectation, take_contact, promise_callback, share_tip, offer_more,
close_warmly, hold_request, transfer, dismiss, blame_customer, rude, off_topic.

EXAMPLE:
{example}

DOCUMENT:
"""
{document}
"""`;

export type DraftResult = CreateResult | { ok: false; error: "noModel" | "modelFailed" | "notJson" | "documentEmpty" };

/** The model of the environment for drafting, or null when none is configured. */
export async function draftingModel(): Promise<BaseChatModel | null> {
  const config = llmEnvOf().customer;
  if (config.kind !== "llm") return null;
  return createChatModel({ ...config, timeoutMs: Math.max(config.timeoutMs, DRAFT_TIMEOUT_MS) }, { temperature: 0.4 });
}

/** The first JSON object in a model's answer (a code fence or a sentence around it is tolerated). */
export function jsonObjectIn(text: string): Record<string, unknown> | null {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  try {
    const value = JSON.parse(text.slice(start, end + 1)) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Ask the model for a draft of `document` and store it as the new scenario `slug` (a draft, never published). */
export async function draftFromDocument(
  actor: Actor,
  slug: string,
  document: string,
  modelOrPending: BaseChatModel | null | Promise<BaseChatModel | null> = draftingModel(),
): Promise<DraftResult> {
  const model = await modelOrPending;
  const text = document.trim().slice(0, MAX_DOCUMENT_CHARS);
  if (!text) return { ok: false, error: "documentEmpty" };
  if (!model) return { ok: false, error: "noModel" };
  const example = JSON.stringify(templateContent("in-person", "example"), null, 1);
  const prompt = DRAFT_PROMPT.replace("{example}", example).replace("{document}", text.replace(/"""/g, "'''"));
  let answer: string;
  try {
    const message = await model.invoke(prompt);
    answer = typeof message.content === "string" ? message.content : JSON.stringify(message.content);
  } catch {
    return { ok: false, error: "modelFailed" };
  }
  const content = jsonObjectIn(answer);
  if (!content) return { ok: false, error: "notJson" };
  // Stored as the model wrote it (the editor shows what is missing or wrong); the id is the slug.
  return createScenario(actor, slug, { kind: "drafted", content: { ...content, id: slug } });
}

