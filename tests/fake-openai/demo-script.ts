/**
 * The answers the standalone fake server gives (tests/fake-openai/main.ts):
 * plausible enough to play a whole call offline through the LLM code path.
 *
 * - customer lines: the prompt built by app/engine/prompts.ts carries the
 *   beat's direction after "DIRECTION:" and, for reveals, the fact after
 *   "FACT TO REVEAL NOW:"; the demo answers with that fact (or a short line
 *   matching the beat's kind);
 * - structured output named "understanding" (app/engine/llm-understander.ts):
 *   the moves the offline classifier finds in the trainee's words (quoted
 *   between triple quotes in the prompt); topics are left to the engine's
 *   keyword patterns. Anything else structured: a minimal valid instance.
 */
import { classify } from "../../machines/understanding";
import { minimalInstance, type Script } from "./server";

const SHORT: Record<string, { en: string; fr: string }> = {
  opening: { en: "Hello, I need some help, please.", fr: "Bonjour, j'ai besoin d'aide, s'il vous plaît." },
  frustration: { en: "I already told you that.", fr: "Je vous l'ai déjà dit." },
  "calm-down": { en: "Okay. Thank you for listening.", fr: "D'accord. Merci de m'écouter." },
  "thank-and-leave": { en: "Thank you, that's all I needed. Goodbye.", fr: "Merci, c'est tout ce qu'il me fallait. Au revoir." },
  "leave-unresolved": { en: "Never mind. I'll manage on my own.", fr: "Laissez tomber. Je vais me débrouiller." },
  "hang-up": { en: "Forget it. Goodbye.", fr: "Laissez tomber. Au revoir." },
  "need-met": { en: "Oh, good, that helps.", fr: "Ah, bien, ça m'aide." },
  wait: { en: "Okay, I'll wait.", fr: "D'accord, j'attends." },
};

function field(prompt: string, label: string): string | undefined {
  const m = new RegExp(`^${label}\\s*(.+)$`, "m").exec(prompt);
  return m?.[1]?.trim();
}

export const demoScript: Script = (req) => {
  if (req.kind !== "text") {
    const words = /"""([\s\S]*)"""/.exec(req.promptText)?.[1];
    if (req.schemaName === "understanding" && words !== undefined) {
      const locale = /Language:\s*French/.test(req.promptText) ? "fr" : "en";
      return { json: { moves: classify(words, locale), topics: [] } };
    }
    return { json: minimalInstance(req.schema) };
  }
  const prompt = req.promptText;
  const fr = /^LANGUAGE:\s*fr/m.test(prompt);
  const fact = field(prompt, "FACT TO REVEAL NOW:");
  if (fact) return { text: fact };
  const need = field(prompt, "NEED TO VOICE NOW:");
  if (need) return { text: need };
  const kind = field(prompt, "BEAT KIND:") ?? "react";
  const line = SHORT[kind] ?? { en: "I see. And then?", fr: "Je vois. Et alors ?" };
  return { text: fr ? line.fr : line.en };
};
