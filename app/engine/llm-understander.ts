/**
 * Understanding in LLM mode: a chat model with structured output returns the
 * trainee turn's moves and scenario topics, validated with zod. On any error
 * (timeout, HTTP, malformed JSON, schema mismatch) the offline classifier
 * answers instead, with `fallbackReason`. The machine stays the only judge of
 * what happens: this only labels the words.
 *
 * Topics (the scenario's topics and what the receptionist knows, one
 * namespace): the union of the model's topics and the scenario's authored
 * patterns (machines/understanding/topics.ts patternTopics), so an authored
 * pattern is never missed because a model overlooked it. The prompt shows
 * each topic's description and a few of its example phrases (decision 092).
 */
import { z } from "zod";
import type { BaseMessage } from "@langchain/core/messages";
import { MOVES, type Locale, type Move } from "../../scenarios/moves";
import { patternTopics, topicIds } from "../../machines/understanding";
import type { Scenario } from "../../scenarios/schema";
import type { Understander, UnderstandResult } from "./types";
import { understandingMessages } from "./prompts";
import { LlmTimeoutError, classifyError } from "./llm-customer";
import { budgetSpent, startDeadline } from "./deadline";
import type { CircuitBreaker } from "./circuit-breaker";
import { invokeModel, messageText, type ChatModelRef } from "./model-calls";

export const UNDERSTANDING_SCHEMA_NAME = "understanding";


/** The structured answer, for a scenario: moves from the vocabulary, topics from the scenario's ids. */
export function understandingSchema(scenario: Scenario) {
  const ids = topicIds(scenario);
  const topic = ids.length > 0 ? z.enum(ids as [string, ...string[]]) : z.string();
  return z.object({
    moves: z.array(z.enum(MOVES)).describe("every move the receptionist's turn contains"),
    topics: (ids.length > 0 ? z.array(topic) : z.array(topic).max(0)).describe("ids of the scenario topics the turn talks about"),
  });
}

const MOVE_SET: ReadonlySet<string> = new Set(MOVES);

/**
 * The answer as `understandingSchema(scenario)` reads it, checked without zod when it is valid: an object whose
 * `moves` are moves and whose `topics` are the scenario's topic ids (none when it has no topics). Undefined
 * otherwise (then zod, for the same error message as before).
 */
function validAnswer(raw: unknown, topics: ReadonlySet<string>): { moves: Move[]; topics: string[] } | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const { moves, topics: said } = raw as { moves?: unknown; topics?: unknown };
  if (!Array.isArray(moves) || !Array.isArray(said)) return undefined;
  for (const m of moves) if (typeof m !== "string" || !MOVE_SET.has(m)) return undefined;
  for (const t of said) if (typeof t !== "string" || !topics.has(t)) return undefined;
  return { moves: moves as Move[], topics: said as string[] };
}

export interface LlmUnderstanderOptions {
  /** A LangChain chat model, or a promise of one (select.ts, decision 195). */
  model: ChatModelRef;
  fallback: Understander;
  /** Per-request limit (ms); default 20000. */
  timeoutMs?: number;
  /** Shared with the customer engine: while open, the offline classifier at once (decision 112). */
  breaker?: CircuitBreaker;
  /** "jsonSchema" (response_format, default) or "functionCalling" (forced tool call) for servers without json_schema. */
  method?: "jsonSchema" | "functionCalling";
}

export function createLlmUnderstander(options: LlmUnderstanderOptions): Understander {
  const { model, fallback } = options;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const chains = new WeakMap<Scenario, ReturnType<typeof build>>();

  function build(scenario: Scenario) {
    const schema = understandingSchema(scenario);
    const topics: ReadonlySet<string> = new Set(topicIds(scenario));
    // The JSON schema is computed once per scenario: handing LangChain the zod
    // schema makes it convert it again on every request (measurable per turn).
    // Its answer is then validated with the zod schema below.
    const { $schema: _drop, ...jsonSchema } = z.toJSONSchema(schema) as Record<string, unknown>;
    const description = "The receptionist's turn as moves and topics";
    const method = options.method ?? "jsonSchema";
    if (method === "jsonSchema") {
      // The request `withStructuredOutput(jsonSchema, { method: "jsonSchema" })` makes — the same
      // response_format (ChatOpenAI adds `strict: true`), byte for byte — sent by one model call with it as
      // a call option (model-calls.ts), instead of a sequence of a bound model and an output-parser
      // runnable, each with its callbacks (decision 170). The answer (JSON, parsed by the OpenAI SDK, or its text) is validated
      // once, with the zod schema, below.
      const responseFormat = {
        type: "json_schema",
        json_schema: { name: UNDERSTANDING_SCHEMA_NAME, description, schema: { ...jsonSchema, title: UNDERSTANDING_SCHEMA_NAME, description }, strict: undefined },
      };
      const ask = async (messages: BaseMessage[], signal: AbortSignal): Promise<unknown> => {
        const message = await invokeModel(model, messages, { signal, response_format: responseFormat } as Parameters<typeof invokeModel>[2]);
        const parsed = message.additional_kwargs?.parsed;
        if (parsed !== undefined && parsed !== null) return parsed;
        return JSON.parse(messageText(message.content));
      };
      return { schema, topics, ask };
    }
    const structured = Promise.resolve(model).then((m) =>
      m.withStructuredOutput({ ...jsonSchema, title: UNDERSTANDING_SCHEMA_NAME, description }, { name: UNDERSTANDING_SCHEMA_NAME, method }),
    );
    structured.catch(() => undefined); // a failure is the first call's, reported there
    return { schema, topics, ask: async (messages: BaseMessage[], signal: AbortSignal): Promise<unknown> => (await structured).invoke(messages, { signal }) };
  }

  async function offline(text: string, locale: Locale, scenario: Scenario, reason: string): Promise<UnderstandResult> {
    const r = await fallback.understand(text, locale, scenario);
    return { ...r, classifier: "offline", fallbackReason: reason };
  }

  return {
    name: "llm",
    async understand(text, locale, scenario, callOptions) {
      const { breaker } = options;
      if (breaker && !breaker.allow()) return offline(text, locale, scenario, "offline-mode");
      let entry = chains.get(scenario);
      if (!entry) {
        entry = build(scenario);
        chains.set(scenario, entry);
      }
      const deadline = startDeadline(timeoutMs, () => new LlmTimeoutError(timeoutMs), callOptions?.signal);
      let raw: unknown;
      let authored: string[] = [];
      let authoredError: { err: unknown } | undefined;
      try {
        // The named prompt, formatted directly, then the structured-output request: the same request
        // as understandingPrompt.pipe(structured), without a sequence's and a prompt runnable's callbacks.
        const messages = await understandingMessages(text, locale, scenario);
        const pending = entry.ask(messages, deadline.signal);
        pending.catch(() => undefined); // handled by the await below; not unhandled if detectTopics throws first
        // The scenario's own patterns run while the request is in flight (after its microtasks, which
        // write it to the socket), not after the answer.
        authored = await new Promise<string[]>((resolve) =>
          setImmediate(() => {
            try {
              resolve(patternTopics(scenario, text, locale));
            } catch (err) {
              authoredError = { err };
              resolve([]);
            }
          }),
        );
        raw = await pending;
      } catch (err) {
        const timedOut = deadline.timedOut() || budgetSpent(callOptions?.signal);
        const { reason } = classifyError(err, timedOut);
        const e = err as { lc_error_code?: unknown; name?: unknown; message?: unknown } | null;
        const isParse =
          !timedOut &&
          (reason === "network" || reason === "malformed-response") &&
          (e?.lc_error_code === "OUTPUT_PARSING_FAILURE" || /OutputParser|SyntaxError|ZodError/.test(String(e?.name)) || /pars|json|schema|valid/i.test(String(e?.message ?? err)));
        // The server not answering opens the breaker; an answer we could not read does not.
        if (isParse) breaker?.success();
        else if (reason !== "aborted") breaker?.failure(reason);
        return offline(text, locale, scenario, isParse ? "invalid-output" : reason);
      } finally {
        // The request is over (answered or failed): its limit is removed after the answer is on its way.
        deadline.clearSoon();
      }
      breaker?.success();
      if (authoredError) throw authoredError.err; // a bug of ours, as before: not the model's failure
      let answer = validAnswer(raw, entry.topics);
      if (!answer) {
        const parsed = entry.schema.safeParse(raw);
        if (!parsed.success) {
          return offline(text, locale, scenario, `invalid-output: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
        }
        answer = parsed.data;
      }
      const moves = [...new Set(answer.moves)] as Move[];
      const topics = [...new Set([...answer.topics, ...authored])];
      return { moves, topics, classifier: "llm" };
    },
  };
}
