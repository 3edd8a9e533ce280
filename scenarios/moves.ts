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

/**
 * The bilingual glossary of moves: one definition per move, used by the offline classifier's documentation,
 * the LLM classifier's prompt, the judges and the scenario studio.
 */
export const MOVE_GLOSSARY: Record<Move, { en: string; fr: string }> = {
  greet: {
    en: "Opens the conversation politely (hello, good morning, thank you for calling).",
    fr: "Ouvre la conversation poliment (bonjour, bonsoir, merci de votre appel).",
  },
  introduce: {
    en: "Says who is speaking: own name, role or the organisation.",
    fr: "Dit qui parle : son prénom, son rôle ou l'organisation.",
  },
  acknowledge_feeling: {
    en: "Names or validates what the customer feels (that must be frustrating, I understand).",
    fr: "Nomme ou reconnaît ce que ressent le client (c'est frustrant, je comprends).",
  },
  apologize: {
    en: "Says sorry or apologises for the situation or the wait.",
    fr: "S'excuse pour la situation ou l'attente (désolé, je m'excuse).",
  },
  reassure: {
    en: "Tells the customer not to worry, that it will be sorted, that they are not alone.",
    fr: "Rassure le client : ne vous inquiétez pas, on va trouver, ça arrive souvent.",
  },
  use_name: {
    en: "Addresses the customer by title and name (Mrs Laurent, Mr Smith).",
    fr: "S'adresse au client par son titre et son nom (Madame Tremblay, Monsieur Martin).",
  },
  ask_question: {
    en: "Asks the customer a genuine question to understand their situation or need (not an offer, a hold request or doubt).",
    fr: "Pose au client une vraie question pour comprendre sa situation ou son besoin (ni une offre, ni une mise en attente, ni un doute).",
  },
  paraphrase: {
    en: "Restates what the customer said to check understanding (so if I understand correctly…).",
    fr: "Reformule ce que le client a dit pour vérifier (si je comprends bien…).",
  },
  take_ownership: {
    en: "Personally commits to handling the problem, or owns the mistake (I'll take care of it, leave it with me, that's our mistake).",
    fr: "S'engage personnellement à régler le problème, ou assume l'erreur (je m'en occupe, je m'en charge, c'est notre erreur).",
  },
  check_with_colleague: {
    en: "Says they will ask or check with a colleague, a team or another service, or go and check in the back (lost property, the office).",
    fr: "Annonce qu'il va demander ou vérifier auprès d'un collègue, d'une équipe ou d'un service, ou aller vérifier à l'arrière (objets trouvés, bureau).",
  },
  explain: {
    en: "Explains why something happened or how something works.",
    fr: "Explique pourquoi c'est arrivé ou comment ça fonctionne.",
  },
  offer_solution: {
    en: "Proposes or carries out a concrete fix or option (refund, new appointment, resend).",
    fr: "Propose ou applique une solution concrète (remboursement, nouveau rendez-vous, renvoi).",
  },
  set_expectation: {
    en: "Gives a time frame or says what will happen next and when (by Friday, within 48 hours).",
    fr: "Donne un délai ou dit ce qui va se passer et quand (d'ici vendredi, sous 48 heures).",
  },
  take_contact: {
    en: "Asks for or notes the customer's contact details (name, phone number, email).",
    fr: "Demande ou note les coordonnées du client (nom, numéro, courriel).",
  },
  promise_callback: {
    en: "Commits to calling, writing to or updating the customer later.",
    fr: "S'engage à rappeler, écrire ou donner des nouvelles au client plus tard.",
  },
  share_tip: {
    en: "Volunteers useful knowledge the customer did not ask for (good to know, next time…).",
    fr: "Partage une information utile que le client n'a pas demandée (à savoir, la prochaine fois…).",
  },
  offer_more: {
    en: "Asks whether there is anything else they can do for the customer.",
    fr: "Demande s'il peut faire autre chose pour le client.",
  },
  close_warmly: {
    en: "Ends the exchange warmly (have a nice day, take care, goodbye, my pleasure).",
    fr: "Termine chaleureusement (bonne journée, au revoir, avec plaisir).",
  },
  hold_request: {
    en: "Asks the customer to hold or wait a moment.",
    fr: "Demande au client de patienter un instant ou le met en attente.",
  },
  transfer: {
    en: "Passes the customer to someone else or sends them to another service or person; sending them off to ask elsewhere themselves is a transfer and also a dismiss.",
    fr: "Transfère le client à quelqu'un d'autre ou le renvoie vers un autre service ou une autre personne ; le renvoyer demander ailleurs lui-même est un transfert et aussi une façon de l'éconduire.",
  },
  dismiss: {
    en: "Brushes the customer off: not my problem, nothing we can do, a rule with no way forward, a bare \"we found nothing\", sending them to sort it out elsewhere.",
    fr: "Éconduit le client : pas mon problème, on ne peut rien faire, une règle sans issue, un simple « on n'a rien trouvé », le renvoyer se débrouiller ailleurs.",
  },
  blame_customer: {
    en: "Doubts or blames the customer (are you sure you left it here? you must have…).",
    fr: "Met en doute ou accuse le client (vous êtes sûre de l'avoir oubliée ici ? vous avez dû…).",
  },
  rude: {
    en: "Insults, sarcasm, impatience, minimising the problem, or orders such as \"calm down\".",
    fr: "Insultes, sarcasme, impatience, minimisation du problème, ou injonctions comme « calmez-vous ».",
  },
  off_topic: {
    en: "Talks about something unrelated to the customer's request (weather, football…).",
    fr: "Parle de quelque chose sans rapport avec la demande (météo, foot…).",
  },
};
