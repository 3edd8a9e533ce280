/**
 * The shared vocabulary between understanding (classifiers), the call machine
 * and the judges. A trainee turn can carry several moves.
 */
export const MOVES = [
  "greet",
  "introduce",
  "acknowledge_feeling",
  "apologize",
  "reassure",
  "use_name",
  "ask_question",
  "paraphrase",
  "take_ownership",
  "check_with_colleague",
  "explain",
  "offer_solution",
  "set_expectation",
  "take_contact",
  "promise_callback",
  "share_tip",
  "offer_more",
  "close_warmly",
  "hold_request",
  "transfer",
  "dismiss",
  "blame_customer",
  "rude",
  "off_topic",
] as const;

export type Move = (typeof MOVES)[number];

/**
 * Moves that cost nothing to say: kind words with no substance (no question, no fix, no next step).
 * The machine caps the patience a turn made only of these can win (docs/decisions/021) and the judges
 * let such a turn earn at most one checkpoint (docs/decisions/040): keyword padding buys nothing.
 */
export const SOOTHING_MOVES: readonly Move[] = [
  "greet",
  "introduce",
  "acknowledge_feeling",
  "apologize",
  "reassure",
  "use_name",
  "close_warmly",
];

/** Moves that hurt the customer relationship (penalised by the judges). */
export const NEGATIVE_MOVES: readonly Move[] = ["dismiss", "blame_customer", "rude", "off_topic"];

export function isMove(value: string): value is Move {
  return (MOVES as readonly string[]).includes(value);
}

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
