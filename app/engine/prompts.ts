/**
 * Named prompt templates for the LLM engines, and the builders that fill them.
 *
 * Protection by construction: `customerLineInputs` receives the scenario but
 * reads facts only through `unlockedFactTexts`, which takes the ids in
 * `view.factsUnlocked` plus the beat's `factId` — never the scenario's whole
 * `facts`. Needs the customer has not voiced yet are not in the prompt either
 * (anticipating them is the trainee's job).
 *
 * The customer prompt is one system message (who you are, how to speak) and
 * one human message (the conversation so far as a transcript, then the
 * direction for this line). A transcript in one message works with every
 * OpenAI-compatible server's chat template (some refuse two system messages
 * or a conversation that does not end on a user turn).
 */
import type { BaseMessagePromptTemplate, ChatPromptTemplate } from "@langchain/core/prompts";
import type { BaseMessage } from "@langchain/core/messages";
import { langchainCore, loadLangChainCore, type LangChainCore } from "./langchain";
import type { Scenario } from "../../scenarios/schema";
import { MOVE_GLOSSARY, MOVES, type Locale } from "../../scenarios/moves";
import type { Beat, CallView } from "../../machines/types";
import type { HistoryTurn } from "./types";
import { scriptedLine } from "./scripted";

export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", fr: "French (as spoken in France or Québec, as the scenario suggests)" };

type Messages = Parameters<typeof ChatPromptTemplate.fromMessages>[0];

/** A named template, built once LangChain is loaded (decision 195: it is not imported at start). */
function lazyTemplate(messages: Messages): { now(lc: LangChainCore): ChatPromptTemplate; (): Promise<ChatPromptTemplate> } {
  let template: ChatPromptTemplate | undefined;
  const now = (lc: LangChainCore) => (template ??= lc.prompts.ChatPromptTemplate.fromMessages(messages));
  return Object.assign(async () => now(langchainCore() ?? (await loadLangChainCore())), { now });
}

/** The customer's next line. */
export const customerLinePrompt = lazyTemplate([
  [
    "system",
    `You play {name}, a customer in a training simulation for receptionists. You are a real person, never an assistant.

WHO YOU ARE: {persona}
WHERE: {setting}
HOW WE TALK: {channel}

RULES FOR EVERY LINE
- Speak only as {name}, in {languageName}. Write only the words {name} says out loud.
- Short and spoken: one idea, at most two short sentences, under 40 words.
- No stage directions, no actions in *asterisks*, (parentheses) or [brackets], no name label before the line.
- Never speak for the receptionist, never describe what they do.
- Never mention being an AI, a model, a simulation or a test.
- Only say what you know from WHAT YOU KNOW and the conversation. Do not invent other problems, names, numbers or dates.`,
  ],
  [
    "human",
    `CONVERSATION SO FAR:
{transcript}

WHAT YOU KNOW AND MAY SAY: {known}
YOUR MOOD: {mood}{terse}
BEAT KIND: {beatKind}
DIRECTION: {direction}
{extra}LANGUAGE: {locale}

Write {name}'s next line now.`,
  ],
]);

/** The trainee's turn as moves and topics (structured output). */
export const understandingPrompt = lazyTemplate([
  [
    "system",
    `You label what a receptionist says to a customer in a training simulation. Return every move the turn contains (a turn often has several) and every listed topic it talks about. Label only what is in the words; when in doubt, leave it out.

MOVES:
{moveList}

TOPICS OF THIS SCENARIO (use these ids only; an empty list when none applies):
{topicList}`,
  ],
  ["human", `Language: {languageName}\nThe receptionist says:\n"""{text}"""`],
]);


const DIRECTIONS: Record<Beat["kind"], { en: string; fr: string }> = {
  opening: { en: "Open the conversation: say briefly why you are here.", fr: "Ouvrez la conversation : dites brièvement pourquoi vous êtes là." },
  reveal: { en: "Answer the receptionist and give this piece of information now.", fr: "Répondez et donnez maintenant cette information." },
  "voice-need": { en: "Bring up this worry or wish now, in your own words.", fr: "Exprimez maintenant ce souci ou ce souhait, avec vos mots." },
  "need-met": { en: "Show you appreciate that this was taken care of.", fr: "Montrez que vous appréciez qu'on s'en soit occupé." },
  frustration: { en: "Show your frustration with what the receptionist just said or did.", fr: "Montrez votre agacement face à ce que la personne vient de dire ou faire." },
  "calm-down": { en: "You feel listened to: calm down a little.", fr: "Vous vous sentez écouté(e) : calmez-vous un peu." },
  react: { en: "React naturally to what the receptionist just said, without new information.", fr: "Réagissez naturellement à ce qui vient d'être dit, sans information nouvelle." },
  acknowledge: { en: "Acknowledge briefly what the receptionist said.", fr: "Prenez brièvement acte de ce qui vient d'être dit." },
  answer: { en: "Answer the receptionist's question directly and briefly, with what you know.", fr: "Répondez directement et brièvement à la question, avec ce que vous savez." },
  accept: { en: "Accept what the receptionist proposes (or pick one of the options offered), in a few words.", fr: "Acceptez ce qui vous est proposé (ou choisissez une des options), en quelques mots." },
  restate: { en: "You already said this: say it again briefly, without new information.", fr: "Vous l'avez déjà dit : redites-le brièvement, sans information nouvelle." },
  clarify: { en: "You did not understand the question: ask what they mean, and bring the talk back to what you came for.", fr: "Vous n'avez pas compris la question : demandez ce qu'on veut dire, et ramenez la conversation à ce qui vous amène." },
  settled: { en: "You have what you came for: say so and thank them, but do not say goodbye yet.", fr: "Vous avez obtenu ce que vous vouliez : dites-le et remerciez, sans dire au revoir tout de suite." },
  "nothing-else": { en: "They asked if there is anything else: no, that is all; thank them.", fr: "On vous demande s'il y a autre chose : non, c'est tout ; remerciez." },
  wait: { en: "Agree to wait.", fr: "Acceptez d'attendre." },
  "thank-and-leave": { en: "Your matter is settled: thank them and say goodbye.", fr: "Votre affaire est réglée : remerciez et dites au revoir." },
  "leave-unresolved": { en: "You give up politely and leave without a solution.", fr: "Vous abandonnez poliment et partez sans solution." },
  "hang-up": { en: "You have had enough: end the conversation curtly.", fr: "Vous en avez assez : mettez fin à la conversation sèchement." },
};

/** The texts of the facts the machine has unlocked (and the one this beat reveals). Nothing else. */
export function unlockedFactTexts(scenario: Scenario, view: CallView, beat: Beat, locale: Locale): Array<{ id: string; text: string }> {
  const ids = new Set(view.factsUnlocked);
  if (beat.factId) ids.add(beat.factId);
  const out: Array<{ id: string; text: string }> = [];
  for (const id of ids) {
    const fact = scenario.facts.find((f) => f.id === id);
    if (fact) out.push({ id, text: fact.text[locale] });
  }
  return out;
}

/**
 * The authored line for this beat — exactly what the scripted engine would
 * say now — given to the model as an example to rephrase. It can only hold
 * what the beat may say (the scripted customer never says a hidden fact).
 */
export function referenceLine(input: CustomerLineInput): string | undefined {
  try {
    return scriptedLine({ ...input });
  } catch {
    const { scenario, beat, locale } = input;
    const lines =
      (beat.terse ? scenario.lines[`${beat.id}/terse`]?.[locale] : undefined) ??
      scenario.lines[beat.id]?.[locale] ??
      (beat.kind === "opening" ? scenario.opening[locale] : undefined);
    return lines?.[0];
  }
}

const speakerLabel = (speaker: HistoryTurn["speaker"], name: string, locale: Locale) =>
  speaker === "customer" ? `${name} (you)` : locale === "fr" ? "Réceptionniste" : "Receptionist";

export interface CustomerLineInput {
  scenario: Scenario;
  locale: Locale;
  beat: Beat;
  view: CallView;
  history: HistoryTurn[];
  /** The beat's referenceLine when the caller already has it (null: none); computed when absent. */
  reference?: string | null;
}

/** Fills customerLinePrompt's variables from the machine's state and beat. */
export function customerLineInputs({ scenario, locale, beat, view, history, reference }: CustomerLineInput): Record<string, string> {
  const name = scenario.customer.name;
  const facts = unlockedFactTexts(scenario, view, beat, locale);
  const revealed = beat.factId ? facts.find((f) => f.id === beat.factId) : undefined;
  const known = facts.filter((f) => f.id !== beat.factId).map((f) => f.text);
  const voiced = view.needs.filter((n) => n.voicedAtTurn !== null || n.id === beat.needId || n.id === beat.thenVoices).map((n) => n.id);
  const needText = (id: string) => scenario.needs.find((n) => n.id === id)?.description[locale];
  const beatNeed = beat.needId ? needText(beat.needId) : undefined;
  for (const id of voiced) {
    const t = needText(id);
    if (t && id !== beat.needId && id !== beat.thenVoices) known.push(t);
  }
  const mood = { calm: "calm", annoyed: "annoyed", angry: "angry" }[beat.mood];
  const extra: string[] = [];
  if (revealed) extra.push(`FACT TO REVEAL NOW: ${revealed.text}`);
  if (beatNeed && beat.kind === "voice-need")
    extra.push(beat.again ? `NEED TO VOICE AGAIN (you already asked and got no answer: remind them briefly, do not say it as news): ${beatNeed}` : `NEED TO VOICE NOW: ${beatNeed}`);
  else if (beatNeed) extra.push(`ABOUT: ${beatNeed}`);
  const openNeed = beat.stillOpen ? needText(beat.stillOpen) : undefined;
  if (openNeed) extra.push(`AS YOU LEAVE, SAY THIS WAS NEVER ANSWERED (briefly, as a question): ${openNeed}`);
  const thenNeed = beat.thenVoices ? needText(beat.thenVoices) : undefined;
  if (thenNeed) extra.push(`THEN, IN THE SAME LINE, NEED TO VOICE NOW: ${thenNeed}`);
  const beatTopic = beat.topicId ? scenario.topics[beat.topicId]?.description[locale] : undefined;
  if (beatTopic) extra.push(`WHAT THE RECEPTIONIST ${beat.kind === "accept" ? "PROPOSES" : "ASKS ABOUT"}: ${beatTopic}`);
  const ref = reference !== undefined ? (reference ?? undefined) : referenceLine({ scenario, locale, beat, view, history });
  if (ref) extra.push(`EXAMPLE OF THIS LINE (say the same thing in your own words): ${ref}`);
  if (beat.final) extra.push("THIS IS YOUR LAST LINE: the conversation ends after it.");
  const transcript =
    history.length === 0
      ? scenario.channel === "phone"
        ? "(The receptionist has just answered the phone.)"
        : "(You have just arrived at the desk.)"
      : history.map((t) => `${speakerLabel(t.speaker, name, locale)}: ${t.text}`).join("\n");
  return {
    name,
    persona: scenario.customer.persona[locale],
    setting: scenario.setting[locale],
    channel: scenario.channel === "phone" ? "a phone call" : "face to face, at the front desk",
    languageName: LANGUAGE_NAMES[locale],
    locale,
    transcript,
    known: known.length > 0 ? known.join(" | ") : "(only what you said so far)",
    mood,
    terse: beat.terse ? " — you are running out of patience: very short answers." : "",
    beatKind: beat.kind,
    direction: DIRECTIONS[beat.kind][locale === "fr" ? "fr" : "en"],
    extra: extra.length > 0 ? `${extra.join("\n")}\n` : "",
  };
}

const MOVE_LIST = MOVES.map((m) => `- ${m}: ${MOVE_GLOSSARY[m].en}`).join("\n");
const topicLists = new WeakMap<Scenario, Map<Locale, string>>();

/** How many example phrases per topic (in the trainee's language) the classifier prompt shows. */
export const PROMPT_EXAMPLES_PER_TOPIC = 4;
/** How many of a topic's counter-examples (decision 282) it shows. */
export const PROMPT_COUNTER_EXAMPLES_PER_TOPIC = 2;

/**
 * The scenario's topics and what the receptionist knows (one namespace, decision 080), each with its
 * description and a few of its example phrases in the trainee's language (decision 092): the model sees what
 * the offline classifier is trained on, and up to two of its counter-examples (decision 282), marked as not it.
 */
export function topicListFor(scenario: Scenario, locale: Locale): string {
  let byLocale = topicLists.get(scenario);
  if (!byLocale) topicLists.set(scenario, (byLocale = new Map()));
  let list = byLocale.get(locale);
  if (list === undefined) {
    const line = (id: string, description: string, examples: readonly string[], counters: readonly string[], prefix = "") => {
      const shown = examples.slice(0, PROMPT_EXAMPLES_PER_TOPIC).map((e) => JSON.stringify(e));
      const not = counters.slice(0, PROMPT_COUNTER_EXAMPLES_PER_TOPIC).map((e) => JSON.stringify(e));
      return `- ${id}: ${prefix}${description}${shown.length > 0 ? ` (e.g. ${shown.join("; ")})` : ""}${not.length > 0 ? ` (not: ${not.join("; ")})` : ""}`;
    };
    const lines = [
      ...Object.entries(scenario.topics).map(([id, t]) => line(id, t.description.en, t.examples?.[locale] ?? [], t.counterExamples?.[locale] ?? [])),
      ...(scenario.knows ?? []).map((k) => line(k.id, k.description.en, k.examples[locale] ?? [], k.counterExamples?.[locale] ?? [], "the receptionist shares something the customer did not know: ")),
    ];
    list = lines.length > 0 ? lines.join("\n") : "(none)";
    byLocale.set(locale, list);
  }
  return list;
}

export function understandingInputs(text: string, locale: Locale, scenario: Scenario): Record<string, string> {
  return { moveList: MOVE_LIST, topicList: topicListFor(scenario, locale), languageName: LANGUAGE_NAMES[locale], text };
}

/** A string template's parsed form (LangChain's `parseTemplate`), once per template string. */
const parsedTemplates = new Map<string, ReturnType<LangChainCore["prompts"]["parseTemplate"]>>();

/**
 * `renderTemplate(template, "f-string", values)` without parsing the template again on every request (its
 * parser splits it into characters): the parsed nodes, kept per template, filled the way LangChain's f-string
 * formatter fills them (a string as is, anything else as JSON). A missing value goes to `renderTemplate`,
 * which reports it as before.
 */
function renderFString(lc: LangChainCore, template: string, values: Record<string, unknown>): string {
  let nodes = parsedTemplates.get(template);
  if (!nodes) parsedTemplates.set(template, (nodes = lc.prompts.parseTemplate(template, "f-string")));
  let out = "";
  for (const node of nodes) {
    if (node.type !== "variable") out += node.text;
    else if (!(node.name in values)) return lc.prompts.renderTemplate(template, "f-string", values);
    else {
      const value = values[node.name];
      out += typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return out;
}

const systemMessages = new WeakMap<ChatPromptTemplate, WeakMap<Scenario, Array<{ values: Array<string | undefined>; messages: BaseMessage[] }>>>();

/**
 * The message a human or system message template formats — `template.formatMessages(values)`'s one
 * message — without its promises, when its prompt is a plain string template with no partial variables
 * (ours are): the same `renderTemplate` on the same values, the same `createMessage`. Undefined for any
 * other template (then formatMessages).
 */
function formatNow(lc: LangChainCore, t: BaseMessagePromptTemplate, values: Record<string, string | undefined>): BaseMessage | undefined {
  const { HumanMessagePromptTemplate, SystemMessagePromptTemplate, PromptTemplate, renderTemplate } = lc.prompts;
  // Their format(): `createMessage(await this.prompt.format(values))` for a string prompt.
  if (!(t instanceof HumanMessagePromptTemplate || t instanceof SystemMessagePromptTemplate)) return undefined;
  const prompt = (t as { prompt?: unknown }).prompt;
  if (!(prompt instanceof PromptTemplate) || Object.keys(prompt.partialVariables ?? {}).length > 0 || typeof prompt.template !== "string") return undefined;
  const content = prompt.templateFormat === "f-string" ? renderFString(lc, prompt.template, values) : renderTemplate(prompt.template, prompt.templateFormat, values);
  return (t as unknown as { createMessage(content: string): BaseMessage }).createMessage(content);
}

/**
 * prompt.formatMessages(inputs), with the prompt's first (system) message — the same for every
 * request of a scenario and locale — formatted once and reused. Keyed by the values it is made of,
 * so it can never differ from a fresh format. The other messages are formatted without a promise
 * when they can be (formatNow): the request is sent a few microtasks sooner.
 */
async function formatWithSteadySystem(template: ReturnType<typeof lazyTemplate>, scenario: Scenario, inputs: Record<string, string>): Promise<BaseMessage[]> {
  const lc = langchainCore() ?? (await loadLangChainCore());
  const prompt = template.now(lc);
  const { BaseMessagePromptTemplate } = lc.prompts;
  const [system, ...rest] = prompt.promptMessages;
  if (!(system instanceof BaseMessagePromptTemplate) || !rest.every((m) => m instanceof BaseMessagePromptTemplate)) {
    return prompt.formatMessages(inputs);
  }
  const pick = (t: BaseMessagePromptTemplate) => Object.fromEntries(t.inputVariables.map((v) => [v, inputs[v]]));
  let byScenario = systemMessages.get(prompt);
  if (!byScenario) systemMessages.set(prompt, (byScenario = new WeakMap()));
  let formatted = byScenario.get(scenario);
  if (!formatted) byScenario.set(scenario, (formatted = []));
  // The values compared one by one (the same strings every time: the comparison stops at their identity),
  // not joined into a key (the classifier's move and topic lists are kilobytes, hashed on every request).
  const vars = system.inputVariables;
  let head = formatted.find((f) => f.values.every((v, i) => v === inputs[vars[i]!]))?.messages;
  if (!head) {
    head = await system.formatMessages(pick(system));
    if (formatted.length >= 16) formatted.length = 0;
    formatted.push({ values: vars.map((v) => inputs[v]), messages: head });
  }
  const out = [...head];
  for (const t of rest as BaseMessagePromptTemplate[]) {
    // formatNow reads the template's own variables only: the inputs as they are.
    const now = formatNow(lc, t, inputs);
    if (now) out.push(now);
    else out.push(...(await t.formatMessages(pick(t))));
  }
  return out;
}

/** customerLinePrompt.formatMessages(inputs), its system message formatted once per scenario and locale. */
export function customerLineMessages(scenario: Scenario, inputs: Record<string, string>): Promise<BaseMessage[]> {
  return formatWithSteadySystem(customerLinePrompt, scenario, inputs);
}

/** understandingPrompt.formatMessages(understandingInputs(...)), its system message formatted once per scenario. */
export function understandingMessages(text: string, locale: Locale, scenario: Scenario): Promise<BaseMessage[]> {
  return formatWithSteadySystem(understandingPrompt, scenario, understandingInputs(text, locale, scenario));
}
