/**
 * The few hand rules kept beside the trained model (decision 090), each where a rule is clearly better than
 * learning from examples. Negation is the other one; it is a feature (a scope mark, ./features.ts), so the
 * model still learns what a negated word means for each move.
 */
import { MOVES, NEGATIVE_MOVES, type Locale, type Move } from "../../scenarios/moves";
import { clauses, normalize, sentences } from "../../scenarios/text";

/** Moves decided by a rule only (the network does not learn them). */
export const RULE_MOVES: readonly Move[] = ["use_name"];

// --- use_name -----------------------------------------------------------------------------------------------
// Why a rule: addressing the customer is a title followed by a *name*, an open class no corpus covers; the
// case of the original text tells "Mrs Laurent" or "madame Bouchard" from a word, which the model's
// lower-cased features cannot see.
const NAME = "[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+(?:[- ][A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+)?";
const USE_NAME: Record<Locale, RegExp> = {
  // English turns to a French or Québécois customer address her as "Madame Laurent" too, or "Madam Tremblay" (the
  // English title before a name, in a formal register: the ninth set; never "madam.": a full stop ends the sentence).
  en: new RegExp(`(?:^|[^\\p{L}])(?:(?:[Mm]r|[Mm]rs|[Mm]s|[Mm]iss|[Mm]ister|Mx|[Mm]adame|[Mm]onsieur|[Mm]ademoiselle|Mme)\\.?|[Mm]adam) ${NAME}`, "u"),
  fr: new RegExp(`(?:^|[^\\p{L}])(?:[Mm]adame|[Mm]onsieur|[Mm]ademoiselle|Mme|Mlle|M\\.)\\.? ${NAME}`, "u"),
};
/** Typed all in lower case: a title followed by a word that is not a common word is still a name. */
const USE_NAME_LOWER: Record<Locale, RegExp> = {
  en: /\b(?:mr|mrs|ms|miss|madam|madame|mme|monsieur)\.? ([a-z][a-z'-]{2,})/g,
  fr: /\b(?:madame|monsieur|mademoiselle|mme|mlle)\.? ([a-z][a-z'-]{2,})/g,
};
const NOT_A_NAME = new Set([
  "le", "la", "les", "de", "des", "du", "je", "vous", "tu", "est", "et", "que", "qui", "pour", "avec", "votre", "mais", "svp",
  "alors", "bien", "oui", "non", "merci", "desole", "desolee", "bonjour", "bonsoir", "comment", "quoi", "excusez", "pardon",
  "ca", "c'est", "puis", "pas", "il", "elle", "nous", "ce", "cette", "on", "ou", "si", "en", "a", "au", "aux", "une", "un",
  "and", "the", "you", "your", "is", "are", "i", "we", "please", "thank", "thanks", "sorry", "so", "but", "or", "what", "how",
  "for", "with", "let", "can", "could", "would", "will", "have", "has", "do", "did", "good", "hello", "hi", "ok", "yes", "no",
]);

export function usesName(text: string, locale: Locale): boolean {
  if (USE_NAME[locale].test(text)) return true;
  if (text !== text.toLowerCase()) return false;
  for (const m of normalize(text).matchAll(USE_NAME_LOWER[locale])) {
    const word = m[1];
    if (word && !NOT_A_NAME.has(word)) return true;
  }
  return false;
}

// --- introduce (in addition to the model) ------------------------------------------------------------------
// Why a rule as well: "Ben here", "Ici Julie", "this is Priya" carry a name the corpus has never seen; a
// capitalised word after these set phrases is a self-introduction. The model still reads the others
// ("you've reached the front desk", "je suis la réceptionniste").
const INTRODUCE: Record<Locale, RegExp> = {
  en: new RegExp(`(?:^|[^\\p{L}])(?:(?:[Tt]his is|[Ii]t's|[Ii]t is|I'm|I am|[Yy]ou're speaking with|[Yy]ou are speaking with|[Ss]peaking with|[Mm]y name is|[Mm]y name's) ${NAME}|${NAME} (?:here|speaking))(?:\\s|[,.!]|$)`, "u"),
  // "Max à l'appareil" (session 13's tour): the French phone formula, name first.
  fr: new RegExp(`(?:^|[^\\p{L}])(?:(?:[Cc]'est|[Mm]oi c'est|[Jj]e suis|[Ii]ci|[Jj]e m'appelle|[Mm]on nom est|[Mm]on nom c'est) ${NAME}|${NAME} (?:à l'appareil|à l’appareil|au téléphone))(?:\\s|[,.!]|$)`, "u"),
};
const INTRODUCE_NOT =
  /\b(?:Monsieur|Madame|Mme|Mlle|Mr|Mrs|Ms|Miss|Dr|Docteur|Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Paris|Internet|Google|Visa|Mastercard|Noël|Christmas|Easter|Pâques|English|French|Canada|France|Québec|Quebec|Montréal|Montreal|Sorry|Désolé|Désolée)\b/u;

export function introduces(text: string, locale: Locale): boolean {
  const m = INTRODUCE[locale].exec(text);
  if (!m) return false;
  const words = m[0].trim().replace(/[,.!]+$/, "").split(/\s+/);
  const last = words[words.length - 1] ?? "";
  const trailing = /^(?:here|speaking|l'appareil|l’appareil|téléphone)$/u.test(last);
  const name = trailing ? (words[words.length - (last === "here" || last === "speaking" ? 2 : 3)] ?? "") : last;
  return !INTRODUCE_NOT.test(name);
}

// --- greet and close_warmly (in addition to the model) -----------------------------------------------------
// Why rules as well: a greeting or a farewell wish is a closed set of formulas, many of them typed short or in a
// dialect the corpus has few of ("bsr madame", "Kia ora", "oui allo", "I hope the rest of your day is calmer",
// "je vous souhaite une bien meilleure fin de journée"). A greeting opens the turn; a farewell wish is read anywhere
// but, as for the model, only the turn's last sentence can close the call (./moves.ts). An English turn to a French
// customer wishes her "Bonne soirée !" too. Not "good luck": after a transfer or a brush-off it is a jibe in the spent
// sets ("Je vous laisse, j'ai une salle à remplir. Bonne chance avec la casquette.").
const GREETING: Record<Locale, RegExp> = {
  en: /^(?:(?:oh|ah|well|yes|yeah|right)[,!.]?\s+)?(?:(?:hello|hi|hiya|hey|howdy|g'day|kia ora|good (?:morning|afternoon|evening|day))\b|(?:morning|evening|afternoon)\s*[,!.])/,
  fr: /^(?:(?:oui|ah|oh|alors)[,!.]?\s+)?(?:bonjour|bonsoir|bjr|bsr|salut|slt|allo|all[oô]|coucou|bienvenue)\b/,
};
const FAREWELL: Record<Locale, RegExp> = {
  en: /\b(?:goodbye|good-bye|bye(?:-bye)?|see you (?:then|on|thursday|tuesday|tomorrow|soon)|take care(?!\s+of)|(?:have|enjoy) (?:a|the) (?:lovely|good|nice|great|wonderful|pleasant|better|calmer|fantastic|brilliant) (?:rest of (?:your|the) )?(?:day|evening|night|afternoon|morning|weekend|week|tuesday|lunch|service)|(?:i )?hope the rest of (?:your|the) (?:day|evening|morning|tuesday|week)|good ?(?:night|evening to you)|all the best|say hi to|bonne (?:soiree|journee|nuit|fin de journee))\b/,
  fr: /\b(?:au revoir|a bientot|a jeudi|a mardi|a demain|bonne (?:fin de )?(?:soiree|journee|apres-midi|matinee|semaine|fin de semaine|continuation)|belle (?:soiree|journee|fin de journee)|je vous souhaite une (?:bonne|belle|excellente|tres bonne|bien meilleure|meilleure)|prenez soin de vous|bonne nuit|bisous)\b/,
};

const THANKS: Record<Locale, RegExp> = {
  en: /\b(?:thank|thanks|cheers|ta)\b/,
  fr: /\bmerci\b/,
};

/** The turn opens with a greeting (see above). */
export function greets(text: string, locale: Locale): boolean {
  return GREETING[locale].test(normalize(text));
}

/** The turn wishes her well on parting (see above). */
export function bidsFarewell(text: string, locale: Locale): boolean {
  return FAREWELL[locale].test(normalize(text));
}

// --- ask_question (in addition to the model) ----------------------------------------------------------------
// Why a rule as well: a sentence that opens with a question word and ends with a question mark is a question
// whatever its words ("What is it you're thinking of having done, lovely?" scored 0.17: the bag of words saw the
// vocative and the verb, not the form); in French the question word may come last ("elle était comment ?").
// Not an offer ("how about Thursday?", "what else can I do for you?"), and only when nothing negative is read in
// the turn: a doubt or a jibe is often asked ("why didn't you write it down?").
const WH_QUESTION: Record<Locale, RegExp> = {
  en: /^(?:(?:so|and|ok(?:ay)?|right|alright|oh|ah|now|well|sorry|great|perfect|lovely|sure|good|thanks|thank you)[,!.]?\s+)*(?:what|which|when|where|who|whose|how|why)\b[^?]*\?\s*$/,
  fr: /^(?:(?:alors|et|ok|bon|d'accord|tres bien|parfait|bien|oh|ah|pardon|merci|super|dites-moi|dis-moi)[,!.]?\s+)*(?:quel(?:le)?s?|comment|pourquoi|ou|quand|combien|qu'est-ce|qu'est ce|lequel|laquelle|c'est quoi|(?:a|de|pour|en|depuis|par) (?:quel(?:le)?s?|quoi|quand|combien|ou))\b[^?]*\?\s*$|(?:^|[^\p{L}])quel(?:le)?s? [^?]*\?\s*$|(?:^|[^\p{L}])(?:comment|quoi|quand|combien|lequel|laquelle)\s*(?:,[^?,]{0,40})?\?\s*$/u,
};
const NOT_A_QUESTION: Record<Locale, RegExp> = {
  en: /\b(?:how about|what about|what else|anything else|how dare|who cares|why not|how would you like (?:me|us) to|what more|what do you (?:want|expect) (?:me|us)|how (?:come|could) you|why (?:did|didn't|would|wouldn't|should|can't|couldn't|don't) you)\b/,
  fr: /\b(?:que diriez|qu'en dites|ca vous (?:dit|va|irait|convient)|autre chose|quoi d'autre|que (?:puis|peux)-je|qu'est-ce que je (?:peux|pourrais)|pourquoi (?:vous n'avez|vous avez pas|n'avez-vous|vous n'etes|avez-vous)|comment (?:avez-vous pu|vous avez pu|voulez-vous que je)|vous attendez quoi|quoi encore)\b/,
};

/** A sentence of `text` that asks with a question word (see above). */
export function asksWithQuestionWord(text: string, locale: Locale): boolean {
  return sentences(text).some(({ text: raw }) => {
    const sentence = normalize(raw);
    return sentence.endsWith("?") && !NOT_A_QUESTION[locale].test(sentence) && WH_QUESTION[locale].test(sentence);
  });
}

// --- a feeling named without a "but" ---------------------------------------------------------------------------
// Why a rule as well: naming what she feels repeats what happened to her ("être baladée d'un service à l'autre",
// "it's sad to lose something you love"), words the corpus's jibes share; a turn that names her feeling with an
// empathy formula and takes nothing back after it ("I understand, but shouting won't help" does) is contested more
// firmly when read rude. Also her feeling guessed or the call itself praised ("You must be so disappointed", "It
// takes courage to call about your smile", "I get that it can be stressful", "vous devez être déçue", "ça prend du
// courage d'appeler", "pas étonnant que vous soyez nerveuse"): the corpus has two lines of these forms, and the spent
// sets (blind2..9) ten kind ones, seven of them read rude; "you must be exhausted" is left out (the corpus's one such
// line is a jibe about a ten-minute wait).
const FEELING: Record<Locale, RegExp> = {
  en: /\b(?:i (?:completely |totally |really |fully )?(?:understand|get it|hear you|can imagine|can see why)|that must (?:be|have been)|you must (?:be|feel) (?:so |really |very |pretty |quite )?(?:disappointed|upset|worried|frustrated|missing (?:it|her|him|them)|sad|stressed|nervous|anxious|fed up)|it takes (?:real |a lot of |some )?courage|i get that (?:it|this|that)|it(?:'s| is| must be) (?:really |so |very )?(?:sad|frustrating|annoying|upsetting|awful|hard|horrible|maddening|stressful|discouraging)|(?:how|so) (?:frustrating|annoying|upsetting|sad|awful)|no wonder you)/,
  fr: /\b(?:je (?:vous )?(?:comprends|concois|con[cç]ois|devine|imagine)|vous devez (?:etre|vous sentir) (?:tellement |vraiment |bien |si )?(?:decue?|triste|inquiete?|frustree?|nerveuse|nerveux|stressee?|angoissee?|bouleversee?|contrariee?)|(?:ca|il) (?:prend|demande|faut) (?:du|beaucoup de|un peu de) courage|pas etonnant que vous|(?:c'est|ca doit etre|ca a du etre) (?:vraiment |tellement |tres |bien )?(?:frustrant|enervant|penible|triste|decourageant|rageant|agacant|stressant|dur|difficile)|il y a de quoi|ca se comprend|c'est normal d'etre)/,
};
const TAKES_BACK: Record<Locale, RegExp> = {
  en: /\b(?:but|however|though|yet|still)\b/,
  fr: /\b(?:mais|cependant|pourtant|quand meme|toutefois|n'empeche)\b/,
};

/** The turn names her feeling with an empathy formula and nothing after it takes it back. */
export function namesHerFeeling(text: string, locale: Locale): boolean {
  return namesFeelingIn(normalize(text), locale);
}

function namesFeelingIn(normalized: string, locale: Locale): boolean {
  const m = FEELING[locale].exec(normalized);
  return m !== null && !TAKES_BACK[locale].test(normalized.slice(m.index));
}

// --- her details asked for in a formal request --------------------------------------------------------------
// Why a rule: a request for her details put as a formal written formula ("je vous saurais gré de bien vouloir me
// communiquer vos nom et numéro de téléphone", "please kindly provide your name and number") has neither a question
// mark nor the corpus's "can I take…" words, and was read as a promise to call her back only (decision 261). A closed
// form: a request formula, a verb of giving, and her details, in one sentence.
const DETAILS_REQUEST: Record<Locale, RegExp> = {
  en: /\b(?:(?:i(?:'d| would) be (?:grateful|obliged) if you (?:could|would)|(?:would|could) you (?:kindly|please)|(?:please )?kindly|please) (?:provide|give|send|leave|write down|jot down|let me have|share)(?: me| us)?(?: with)? (?:your|a|an)\b.*\b(?:name|number|phone|mobile|email|e-mail|details|contact))/,
  fr: /\b(?:(?:je vous saurais gre|nous vous saurions gre|merci|veuillez|je vous prie|je vous remercie)(?: de)?(?: bien vouloir)? (?:me |nous )?(?:communiquer|donner|indiquer|laisser|transmettre|fournir|noter|ecrire)\b.*\b(?:nom|numero|telephone|portable|mail|courriel|coordonnees))/,
};

/** A sentence of `text` that asks for her details with a formal request formula (see above). */
export function asksForDetailsFormally(text: string, locale: Locale): boolean {
  return sentences(text).some(({ text: raw }) => DETAILS_REQUEST[locale].test(normalize(raw)));
}

// --- rude: condescension and impatience in set phrases ----------------------------------------------------------
// Why a rule as well: sarcasm and condescension without an insult are the largest family the model misses on every
// spent set (a rude reading is taken back when the same turn also sounds helpful, or diluted in a long turn): "I
// haven't got all day", "calm down", "let me explain this really slowly", "as I've already said twice", "that'll teach
// you", "faut surveiller ses affaires", "même un enfant comprendrait". Each is a closed
// formula; every corpus line that has one is labelled rude (or, for "you should have kept…", blame), and no good
// script line has one. Such a turn is rude whatever else it says, so a helpful move does not take it back.
// Not "congratulations" alone or "bless your heart": both are said kindly too (her fiftieth birthday). Nor luck ("you
// got lucky", "vous êtes chanceuse"), a record ("c'est un record") or a plain "I'll explain it slowly": the same words
// greet a found cap or promise care ("You got lucky, someone handed it in!"), so a formula of them would read a kind
// turn as rude (session 10 review; the ninth set's jibes of that form stay for the model to learn or miss).
const RUDE_FORMULA: Record<Locale, RegExp> = {
  en: /\b(?:(?:don't|do not|haven't|have not|ain't) (?:got |have )?(?:all (?:day|morning|afternoon|night|evening)|time for (?:this|that|these|your))|get to the point|just answer (?:the|my) question|calm down|(?:go through|explain) (?:this|it|that)? ?really slowly|even a (?:child|kid|five-year-old) (?:could|would|can)|as i(?: have|'ve)? (?:already|just) (?:said|told you|explained|mentioned)|as i said (?:before|twice|already)|that's literally how|congratulations on making it|that'll teach|should(?:'ve| have) (?:looked after|taken (?:better )?care|kept an eye|watched|thought of that|been more careful)|shouldn't have (?:brought|taken|left|worn)|ask yourself why)/,
  fr: /\b(?:(?:j'ai|on a|je n'ai|nous n'avons) pas (?:toute la (?:journee|matinee|soiree|nuit)|que ca a faire|le temps (?:pour|de) (?:ca|cela))|faites vite|(?:allez|aller|venez|venir) (?:droit )?au (?:but|fait)|repondez (?:simplement |juste |donc )?a (?:la|ma) question|calmez-vous|on se calme|calme-toi|expliquer (?:ca |cela )?tres (?:lentement|doucement)|meme un enfant (?:comprendrait|pourrait)|comme je (?:vous )?(?:l'ai|ai) deja (?:dit|explique)|comme je viens de vous le dire|je vous l'ai deja dit|pas evident pour tout le monde|ca vous apprendra|ca t'apprendra|(?:il )?fallait (?:y penser|la surveiller|le surveiller|surveiller|prendre soin|faire attention|pas l'emmener|pas l'apporter)|faut (?:surveiller ses|pas s'etonner|faire attention a ses))/,
};

// "No time for this" refuses to deal with her request at all: a brush-off as well as impatience. The spent sets label
// it rude and dismiss every time (six lines in four sets); "I haven't got all day" hurries her but still listens (rude
// only).
const NO_TIME_FOR_IT: Record<Locale, RegExp> = {
  en: /\b(?:(?:don't|do not|haven't|have not|ain't) (?:got |have )?(?:the )?time (?:for|to deal with) (?:this|that|these|caps|it)|(?:i've|i have) (?:really )?no time for (?:this|that|caps))\b/,
  fr: /\b(?:(?:j'ai|on a|je n'ai|nous n'avons) pas (?:le )?temps (?:pour|de) (?:ca|cela|les casquettes|m'occuper de ca)|(?:j'ai|je n'ai) pas que ca a faire)/,
};

// Her bank named as where the money goes, or fees we pay back, is no transfer (session 12's tour): "If your bank
// charged you overdraft fees, we'll pay them back" and "The $36 goes back to your bank" read as sending her to her
// bank (transfer + dismiss), the one line the angry caller most needs to hear. Sending her there is still read by the
// model ("Call your bank", "You'll have to talk to your bank about that"): these phrases say what WE do with the money.
const WE_PAY_IT: Record<Locale, RegExp> = {
  en: /\b(?:we|i)(?:'ll| will| can| would| are going to|'re going to| am going to|'m going to)? (?:pay|cover|refund|reimburse|waive|credit)(?: you)? (?:them|those|it|that|the fees|those fees|any fees|the charges?|for (?:them|those|it))(?: back)?\b|\b(?:we|i)(?:'ll| will)? (?:pay|give) (?:you )?(?:them|those|it|that) back\b/,
  fr: /\b(?:on|nous|je) (?:vous )?(?:les|le|la|l') ?(?:rembourse|rembourserai|rembourserons|remboursera|paie|paye|paierons|paiera|couvre|couvrirons|couvrira|prend en charge|prendrons en charge|prendra en charge)\b|\b(?:on|nous|je) (?:vous )?(?:rembourse|rembourserai|rembourserons|remboursera|couvre|couvrirons|couvrira|prend en charge|prendrons en charge|prendra en charge) (?:les|ces|vos|tous les) frais\b/,
};
const MONEY_BACK_TO_HER: Record<Locale, RegExp> = {
  en: /\bback (?:in|into|on|to) your (?:bank|account|card)\b/,
  fr: /\b(?:de retour|revient|reviendra|reviennent|reviendront|retourne|retournera|reverse|reversee?s?) (?:dans|sur|a) votre (?:compte|banque|carte)\b/,
};

// --- a polite wall: a refusal said with a goodbye ---------------------------------------------------------------------
// "I'm terribly sorry, madame, we don't keep lost items beyond the service. Do have a pleasant evening." A turn that
// says a rule or an absence ("can only be requested in writing", "aucune correction ne peut être faite par téléphone",
// "l'agenda est plein", "il n'y a rien dans la boîte") and takes its leave, offering nothing, closes the door on her:
// dismiss, however warm its words. The model reads the warmth (apology, feeling named, farewell) and misses the wall:
// 11 of the ~25 negatives with a farewell in thirteen spent sets, every one a swap when it also apologised. Nothing is
// added when the turn also works for her (an offer, a check, a callback, a question, a time): "It's not in the box,
// but I'll ask the lunch team tomorrow and call you. Good night!" is no wall. The refusal words exclude the kind
// negatives of a goodbye ("don't worry", "can't wait to meet you", "n'hésitez pas", "on n'abandonne pas").
const WALL_GOODBYE: Record<Locale, RegExp> = {
  en: /\b(?:thanks?(?: you)? (?:for|so much for) (?:calling|coming|stopping)(?: in| by)?(?: connexa)?|good luck (?:with|in) your (?:search|hunt|research))[ .!]*$/,
  fr: /\b(?:bonne chance (?:dans|pour) vos (?:recherches|demarches)|merci (?:de|pour) votre appel)[ .!]*$/,
};
const REFUSAL: Record<Locale, RegExp> = {
  en: /\b(?:can only|(?:can't|cannot|can not|won't|don't|do not|doesn't|does not|unable to|not able to)(?! (?:wait|worry|hesitate|you worry|forget|be shy|mind|thank))|nothing (?:i|we) can|there's nothing|there is nothing|no longer|not possible|impossible|fully booked|booked (?:up|solid)|no (?:spots?|slots?|openings?|room|place)\b)/,
  fr: /\b(?:ne (?:peu[tx]|peuvent|pouvons|pourrons|pourra|conserv\w*|gard\w*|donn\w*|fai\w*|sai\w*)|n'(?:est|a|y a) (?:pas|rien|aucun)|(?:il )?n'y a rien|y a rien|aucune? (?!inquietude|souci|probleme|gene)|impossible|pas possible|pas de place|complet|est plein|sont pleins?|rien (?:dans|a faire|trouve))/,
};
const NOT_A_REFUSAL: Record<Locale, RegExp> = {
  en: /\b(?:can't wait|don't (?:you )?worry|don't hesitate|do not hesitate|haven't given up|won't forget)\b/g,
  fr: /\b(?:n'hesitez pas|ne vous inquietez pas|inquietez-vous pas|ne t'inquiete pas|on n'abandonne pas|n'abandonne pas)\b/g,
};
// A wall said in a set phrase, with or without a goodbye: "there isn't anything I can do from here", "that is
// policy", "I'm not permitted to discuss treatments", "j'y peux rien", "c'est la procédure", "c'est de même", "je ne
// suis pas autorisée à ouvrir le dossier". 62 spent-set negatives say one of these and are labelled dismiss; the
// model read about a third of them as an apology or an explanation only. Three positives say one too, each with a
// way forward ("I'm not able to quote a figure, but I can book you a free consultation"), which the same exclusion as
// the polite wall keeps out, or announce a rule that helps her ("c'est la règle chez nous : on la corrige le jour
// même" — a rule followed by a colon is not a wall).
const WALL_PHRASE: Record<Locale, RegExp> = {
  en: /\b(?:(?:there's|there is|there isn't|there is not) (?:really )?(?:nothing|not much|anything) (?:more )?(?:i|we) can (?:do|change)|nothing (?:more )?(?:i|we) can (?:do|change)|(?:that is|that's|it's|it is) (?:our |the |company |clinic |house )?(?:policy|procedure|the rule)|(?:i'm|i am) not (?:permitted|allowed|authori[sz]ed|able) to|out of my hands|not up to me|my hands are tied)/,
  fr: /(?:j'y peux rien|je n'y peux rien|j'y peux pas|\b(?:je|on) (?:ne )?(?:peux|peut|pouvons) rien (?:faire|y faire|changer|pour vous)|c'est (?:la|notre) (?:procedure|politique|regle)(?! ?(?:chez nous|ici|de la maison)? ?:)|c'est de meme|\b(?:je|on) (?:ne )?(?:suis|sommes|est) pas (?:autorisee?s?|permise?s?) a|\b(?:je|nous) ne (?:suis|sommes) pas (?:autorisee?s?|en mesure) d|ca depend pas de moi|c'est pas (?:a|de) moi de decider)/,
};

// --- blame_customer: doubting her in a set form ----------------------------------------------------------------------
// "Are you sure…?", "êtes-vous bien certaine que…", "you didn't perhaps … yourself?", "vous lisez bien votre relevé ?":
// the labelling convention makes doubting the customer blame, and 97 spent-set negatives say it in one of these forms
// (one positive: "Are you sure it was a cap and not a sun hat? … I've got it right here", which offers her something
// and is kept out with the turns that do). The model missed the hedged and polite ones ("Je ne voudrais surtout pas
// vous vexer, mais êtes-vous bien certaine…" read as reassurance).
const DOUBTS_HER: Record<Locale, RegExp> = {
  en: /\b(?:are you|you're|you are)(?: really| absolutely| completely| quite| totally| even)? (?:sure|certain)\b|\byou (?:didn't|did not) (?:perhaps |maybe |by any chance )?.{0,40}\byourself\b|\b(?:did|have) you (?:actually |even |really )?(?:check|look|read)(?:ed)? (?:your|the) (?:bag|pocket|car|statement|bill|own)/,
  fr: /\b(?:etes-vous|vous etes|t'es|tu es|es-tu)(?: bien| vraiment| tout a fait)? (?:sure?|certaine?)\b|\bvous (?:n'avez|avez) (?:pas )?(?:deja |bien )?(?:regarde|verifie|lu) (?:dans )?(?:votre|vos)\b|\bvous lisez bien\b|n'est-il pas plus probable/,
};
/** A doubt that gives its reason is a check ("…? Only because I've got a black one right here", "je demande parce que…"). */
const SAYS_WHY_IT_ASKS: Record<Locale, RegExp> = {
  en: /\b(?:only|just|i ask|i'm asking|i am asking|asking) (?:because|since|as)\b|\bthe reason i ask\b/,
  fr: /\bje (?:vous )?(?:le |la )?demande (?:ca |cela )?(?:parce que|car|pour)\b|\bc'est (?:juste |seulement )?(?:parce que|pour savoir|pour etre sure?)\b/,
};
/** A doubt that says why it asks (normalised text): a check, not blame, in the whole turn and in any of its sentences. */
export function doubtsWithAReason(normalized: string, locale: Locale): boolean {
  return DOUBTS_HER[locale].test(normalized) && SAYS_WHY_IT_ASKS[locale].test(normalized);
}
/** Moves that offer her something: a doubt beside one is a check, not blame ("…? I've got a straw hat right here"). */
const OFFERS: readonly Move[] = ["offer_solution", "take_ownership", "check_with_colleague", "hold_request", "promise_callback"];

/** Moves that give her a way forward: a turn with one of them is no wall. */
const WAY_FORWARD: readonly Move[] = [
  "offer_solution", "take_ownership", "promise_callback", "check_with_colleague", "take_contact", "ask_question",
  "hold_request", "offer_more", "set_expectation",
];

/** Whether the turn refuses and takes its leave with nothing offered (see above); `read` is what was read so far. */
function politeWall(text: string, normalized: string, locale: Locale, read: ReadonlySet<Move>): boolean {
  if (WAY_FORWARD.some((m) => read.has(m))) return false;
  if (WALL_PHRASE[locale].test(normalized)) return true;
  // The leave is taken in the last clause: "en repos jusqu'à demain 11 h, c'est pour ça que…" is no goodbye.
  const end = clauses(text).at(-1);
  const last = end ? normalize(text.slice(end.start, end.end)) : "";
  if (!FAREWELL[locale].test(last) && !WALL_GOODBYE[locale].test(last)) return false;
  return REFUSAL[locale].test(normalized.replace(NOT_A_REFUSAL[locale], " "));
}

// --- check_with_colleague: going to look in the back ----------------------------------------------------------------
// The labelling convention (RULES of the blind sets: "let me ask my colleague / check in the back") makes going to
// look in the back, the office or the lost-property box a check: 95 spent-set lines say so, and the model misses the
// terse and regional forms ("Checking the back. One minute.", "j'vais voir derrière", "I'll go have a rummage in the
// back"). Not in a turn read negative ("I'd look, but that box is a mess"; "je ne peux pas quitter la salle pour
// aller fouiller au bureau"): the rules below only add helpful moves.
const GOES_TO_LOOK: Record<Locale, RegExp> = {
  en: /\b(?:check(?:ing)?|look(?:ing)?|rummag(?:e|ing)|have a (?:look|rummage|dig)|go see|go and see|take a look|dig(?:ging)?|pop(?:ping)?|nip(?:ping)?|go through)\b.{0,40}\b(?:the back|in back|out back|out the back|back office|the office|in the office|kitchen|lost[- ]property|lost[- ](?:and[- ])?found|lost box|the box|back room|storeroom)\b|\b(?:back office|the back|out back),? (?:two|thirty|one|a|\d+) (?:sec|second|seconds|minute|minutes|min|mins)\b/,
  fr: /\b(?:voir|regarder|regarde|verifier|verifie|fouiller|fouille|checker|jeter un (?:oeil|coup d'oeil)|aller voir|vais voir|vas voir|vas aller voir)\b.{0,40}\b(?:derriere|au bureau|en cuisine|dans la boite|dans le bac|dans la caisse|dans le carton|(?:aux |les |nos |des )objets trouves|en arriere|la reserve|au vestiaire)\b/,
};

// An offer made in the conditional and taken back at once with a reason it is not worth it ("I'd go look in the
// back, but honestly nobody ever finds anything in that box"; "j'irais bien voir, mais on ne retrouve jamais rien"):
// a wall, not a check. The hidden-layer reader (decision 285) read the first clause alone as a check and an offer.
const WITHDRAWN_OFFER: Record<Locale, RegExp> = {
  en: /\b(?:i'd|i would|i could|i might)\b[^.!?]{0,60}\bbut\b[^.!?]*\b(?:nobody|no one|never|nothing|no point|waste of time|pointless)\b/,
  fr: /\b(?:j'irais|je pourrais|j'aimerais bien|je voudrais bien|je regarderais)\b[^.!?]{0,60}\bmais\b[^.!?]*\b(?:personne|jamais|rien|pas la peine|sert a rien|perte de temps)\b/,
};

// --- paraphrase: checking back what she said in a set formula -------------------------------------------------------
// "If I got it right…", "si je comprends bien…", "just to make sure I understand…": 98 spent and corpus lines open a
// check this way and none is negative; the model read one rude ("Okay, so if I got it right, it's been bothering you
// for a while… Is that it?", an excellent script's −20). A paraphrase, and a firm contest of a rude reading.
const CHECKS_BACK: Record<Locale, RegExp> = {
  en: /\b(?:if i (?:got|get|have|understood|understand|heard) (?:it|that|you|this) (?:right|correctly)|if i understand (?:you )?(?:correctly|right)|so what you're saying is|just to make sure i (?:got|have|understand)|let me make sure i (?:got|have|understand))/,
  fr: /\b(?:si je comprends bien|si j'ai bien compris|si je vous suis bien|pour etre sure? de bien comprendre|si je resume)/,
};

const BOOKS_HER_IN: Record<Locale, RegExp> = {
  en: /\b(?:put|pencil|write|book|get|pop|squeeze|slot) (?:you|her) (?:down |in )?(?:for|on|in for) (?:this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|the \d|\d)/,
  fr: /\b(?:je|on) vous (?:inscris|inscrit|mets|met|reserve|note|booke) (?:pour |a |au |le )?(?:ce |la semaine prochaine )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|\d)/,
};

/** The turn is condescending or impatient in a set phrase (see above). */
export function talksDown(text: string, locale: Locale): boolean {
  return RUDE_FORMULA[locale].test(normalize(text));
}

// --- take_ownership: owning the mistake -----------------------------------------------------------------------------
// Why a rule as well: owning the error is a closed form ("that's our mistake", "the error is on our side", "the
// duplicate charge is ours", "c'est une erreur de notre côté", "c'est nous qui avons fauté"); the model hears it when
// the turn says little else, and loses it in a turn of figures (the ninth set: "…The duplicate charge is ours." read
// as an explanation only). Every such corpus line is labelled take_ownership, except where it is denied or doubted:
// not after a negation, a doubt or an "always" in its clause ("not our fault", "aucune erreur de notre côté", "c'est
// toujours de notre faute", "are you sure it's an error on our part?"), not in a question, and not in a turn read negative.
const OWNS_FAULT: Record<Locale, RegExp> = {
  en: /\b(?:(?:error|mistake|bug|fault|glitch|screw-up|slip-up)s? (?:is |was |that's |'s )?(?:entirely |definitely |totally |completely |all )?(?:on our (?:side|end|part)|ours)|our (?:error|mistake|fault)|(?:charge|error|mistake) is (?:all |entirely )?ours|that(?:'s| is| was) on us)/,
  fr: /\b(?:notre (?:faute|erreur)|une (?:faute|erreur) (?:de notre (?:part|cote)|de chez nous|chez nous)|(?:erreur|faute|bogue|bug) (?:est |vient )?(?:de notre (?:part|cote)|chez nous)|c'est nous qui (?:avons|sommes) (?:fait|faute|commis|en tort|trompes)|la faute est (?:a nous|chez nous|de notre)|on s'est trompes)/,
};
const OWNS_FAULT_NOT: Record<Locale, RegExp> = {
  en: /\b(?:not|no|never|hardly|isn't|wasn't|nothing|think|sure|if|whether|any|always)\b/,
  fr: /\b(?:pas|aucune?|jamais|ni|si|sure?|certaine?|croyez|pensez|rien|toujours)\b/,
};

/** A sentence of `text` owns the mistake, neither denied nor doubted before it (see above). */
export function ownsTheMistake(text: string, locale: Locale): boolean {
  return sentences(text).some(({ text: raw }) => {
    const sentence = normalize(raw);
    if (sentence.endsWith("?")) return false;
    const m = OWNS_FAULT[locale].exec(sentence);
    if (!m) return false;
    // Only the words of its own clause before it: "c'est notre erreur, pas la vôtre" owns it.
    const before = sentence.slice(0, m.index).split(/[,;:]/).at(-1) ?? "";
    return !OWNS_FAULT_NOT[locale].test(before);
  });
}

// --- take_ownership: doing it oneself ---------------------------------------------------------------------------------
// Why a rule as well: "I can correct billing myself, right here", "je cherche votre compte moi-même", "votre réclamation
// sera traitée par mes soins": the receptionist commits in person with a word the model weighs little beside the rest of
// a long turn. A first-person sentence with myself/personally (moi-même, personnellement, par mes soins) takes it on;
// not when negated before it ("I'm not authorised to reverse it myself", "je ne devrais pas vous rappeler moi-même"), not
// in a question, and not in a turn read negative. 235 of the 246 corpus lines it accepts are labelled take_ownership (the
// others are mostly callbacks, "I'll call you back myself", which the spent sets label both ways).
const PERSONALLY: Record<Locale, RegExp> = {
  en: /\bi(?:'ll| will|'m going to| am going to| can| shall|'m| am)\b[^.?!]{0,50}\b(?:myself|personally)\b/,
  fr: /\b(?:je|j')[^.?!]{0,50}(?:moi-meme|personnellement|par mes soins)|\bpar mes soins\b/,
};
const PERSONALLY_NOT: Record<Locale, RegExp> = {
  en: /\b(?:not|never|no)\b|n't\b|\bcannot\b/,
  fr: /\b(?:ne|n'|pas|jamais|plus)\b|\bn'/,
};

/** A sentence of `text` takes the work on in person (see above). */
export function takesItOnPersonally(text: string, locale: Locale): boolean {
  return sentences(text).some(({ text: raw }) => {
    const sentence = normalize(raw);
    if (sentence.endsWith("?")) return false;
    const m = PERSONALLY[locale].exec(sentence);
    return m !== null && !PERSONALLY_NOT[locale].test(m[0]);
  });
}

// --- apologize: an apology typed short ------------------------------------------------------------------------------
// Why a rule as well: typed in a hurry, an apology is spelt in ways the corpus has few of ("sory about the wait!!",
// "my bad", "dsl pour l'attente"); a closed set of spellings, with what it apologises for: "lol sry my lunch is getting
// cold" apologises for nothing (the spent sets say it is no apology).
const APOLOGY_TYPED: Record<Locale, RegExp> = {
  en: /\b(?:(?:sory|soz|sry|srry|sowwy) (?:about|for)|my bad)\b/,
  fr: /\b(?:(?:dsl|deso|desolay) (?:pour|pr|de|d')|mea culpa)/,
};

// --- set_expectation: a time frame given with the work ----------------------------------------------------------------
// Why a rule as well: "c'est nous qui avons fauté… je fais la correction aujourd'hui même", "Name on the account. I'll
// fix it today.", "I'll ask the lunch team tomorrow and call you": a time said in passing while the receptionist takes
// the work on tells her when; the model reads the work and loses the time. A closed form: a time expression in
// a turn where the receptionist takes it on or promises to get back to her, and nothing negative is read ("come back
// tomorrow" is a brush-off, not an expectation). Not with a fix or a check alone: "the lunch team is back tomorrow at
// 11, call them" reads as both and sends her off herself; with them, four spent poor scripts earned the next-step
// checkpoint (no good script gained).
const TIME_FRAME: Record<Locale, RegExp> = {
  en: /\b(?:today|tonight|tomorrow|this (?:afternoon|evening|morning|week)|(?:by|on|before|until|next) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the \d+)|(?:monday|tuesday|wednesday|thursday|friday)(?: at)? \d|within \d+|in (?:\d+|a few|two|three|ten|five|twenty) (?:minutes|days|hours|weeks|business days)|\d+ ?(?:am|pm)\b|(?:about|around|roughly) (?:\w+ )?(?:months|weeks|days|hours|minutes)|\d+-\d+ (?:days|weeks))/,
  fr: /\b(?:aujourd'hui|ce soir|demain|cet apres-midi|ce matin|cette semaine|d'ici (?:lundi|mardi|mercredi|jeudi|vendredi|demain|ce soir|la fin|\d+)|(?:lundi|mardi|mercredi|jeudi|vendredi|samedi)(?: prochain)?(?: a)? \d+ ?h|\d+ ?h\b|dans (?:\d+|deux|trois|dix|cinq|quelques) (?:minutes|jours|heures|semaines)|sous \d+|environ (?:\w+ )?(?:mois|semaines|jours|heures|minutes))/,
};
const WORK_MOVES: readonly Move[] = ["take_ownership", "promise_callback"];

// --- decision ------------------------------------------------------------------------------------------------

/** Helpful moves that contest a negative reading of the same turn. */
export const CONTESTING_MOVES: ReadonlySet<Move> = new Set<Move>([
  "apologize", "acknowledge_feeling", "reassure", "take_ownership", "check_with_colleague", "offer_solution",
  "promise_callback",
]);
// Not ask_question, paraphrase, explain or set_expectation: doubting is asked ("Are you sure she left it here?"),
// a policy wall is explained ("that's just how the system works"), a brush-off can carry a date ("come back tomorrow").
/** How far above its threshold a contested negative's score must be (spent sets: false negatives 28 → 18, misses 60 → 63). */
const CONTESTED_MARGIN = 0.1;
/** The margin a rude reading needs against a question asked with a question word or a feeling named (an off-topic one, against the question). */
const FIRM_CONTESTED_MARGIN = 0.35;

// --- asking who she is: "And you are, madam…?" -------------------------------------------------------------------
// A turn that ends on "you are" left open, with a title or an ellipsis, asks her name ("Et vous êtes madame… ?", "And
// you are…?"): the model read it rude (issue 9), as a short "you are" jibe. It is a question, not rude.
const ASKS_WHO_SHE_IS: Record<Locale, RegExp> = {
  en: /(?:^|[.!?,] |\band )you are,? ?(?:(?:madam|ma'am|mrs|ms|miss|sir)\.?)? ?(?:\.\.\.|…|\?)[ .?…]*$/,
  fr: /(?:^|[.!?,] |\bet )vous etes,? ?(?:(?:madame|mademoiselle|monsieur|mme|mlle)\.?)? ?(?:\.\.\.|…|\?)[ .?…]*$/,
};

const BARE_YES: Record<Locale, RegExp> = {
  en: /^\s*(?:yes|yeah|yep|yup|hello|hi)\s*\?+\s*$/,
  fr: /^\s*(?:oui|ouais|allo|bonjour|bonsoir)\s*\?+\s*$/,
};

/** Whether `text` ends by asking who she is with "you are" left open ("Et vous êtes madame… ?"). */
export function asksWhoSheIs(text: string, locale: Locale): boolean {
  return ASKS_WHO_SHE_IS[locale].test(normalize(text));
}

/**
 * The moves of a turn from the model's scores (one per label of `labels`) and the per-move thresholds, plus
 * the rules above. Returns the moves in vocabulary order and a confidence per move (1 for a rule's move).
 */
export function decideMoves(
  text: string,
  locale: Locale,
  labels: readonly string[],
  modelScores: ArrayLike<number>,
  thresholds: Record<string, number>,
): { moves: Move[]; scores: Record<string, number> } {
  const s: Record<string, number> = {};
  const found = new Set<Move>();
  labels.forEach((label, i) => {
    const score = modelScores[i] ?? 0;
    s[label] = Math.round(score * 1000) / 1000;
    if (score > 0 && score >= (thresholds[label] ?? 0.5)) found.add(label as Move);
  });
  // A negative reading contested by a helpful one in the same turn needs a clearer score (decision 240): "I'm so
  // sorry — I've been through the whole box and asked Julien" is not rude, "the lunch team is back tomorrow at 11 so
  // they might know something" is no brush-off. A negative read with a margin still counts ("I understand, but
  // shouting won't make the money come faster" stays rude).
  const contested = [...found].some((m) => CONTESTING_MOVES.has(m));
  // A genuine question contests a rude or off-topic tone ("c'est quoi votre nom pis votre numéro de cell ?"), not a
  // doubt or a brush-off, which are often asked ("Are you sure she left it here?").
  const asked = found.has("ask_question");
  // A question asked with a question word ("Que souhaiteriez-vous améliorer, précisément ?") is contested more
  // firmly: its words are the customer's own subject (her teeth, her smile), which the corpus's jibes share; so is
  // a feeling named without a "but" (its words repeat what happened to her).
  const normalized = normalize(text);
  const whQuestion = asksWithQuestionWord(text, locale);
  const feels = namesFeelingIn(normalized, locale);
  const checksBack = CHECKS_BACK[locale].test(normalized);
  // A move a rule adds counts at its threshold.
  const add = (m: Move) => {
    found.add(m);
    s[m] = Math.max(s[m] ?? 0, thresholds[m] ?? 0.5);
  };
  if (feels && !found.has("acknowledge_feeling")) add("acknowledge_feeling");
  if (checksBack && !found.has("paraphrase")) add("paraphrase");
  for (const m of NEGATIVE_MOVES) {
    const tone = m === "rude" || m === "off_topic";
    const firmly = (asked && whQuestion && tone) || ((feels || checksBack) && m === "rude");
    const margin = firmly ? FIRM_CONTESTED_MARGIN : CONTESTED_MARGIN;
    if ((contested || (asked && tone) || firmly) && found.has(m) && (s[m] ?? 0) < (thresholds[m] ?? 0.5) + margin) found.delete(m);
  }
  // A condescending or impatient set phrase is rude whatever else the turn says (see talksDown).
  if (!found.has("rude") && RUDE_FORMULA[locale].test(normalized)) add("rude");
  if (DOUBTS_HER[locale].test(normalized)) {
    if (SAYS_WHY_IT_ASKS[locale].test(normalized)) found.delete("blame_customer");
    else if (!found.has("blame_customer") && !OFFERS.some((m) => found.has(m))) add("blame_customer");
  }
  // An offer taken back in the same breath is no offer (see WITHDRAWN_OFFER).
  if (WITHDRAWN_OFFER[locale].test(normalized)) {
    for (const m of ["check_with_colleague", "offer_solution", "take_ownership"] as const) found.delete(m);
    if (!found.has("dismiss")) add("dismiss");
  }
  if (!found.has("dismiss") && NO_TIME_FOR_IT[locale].test(normalized)) add("dismiss");
  if (!found.has("dismiss") && politeWall(text, normalized, locale, found)) add("dismiss");
  // Booking her in is no transfer: "I'll put you down for Thursday 4pm then" read as one (session 14's tour: −10 and
  // "I'd rather not be passed around").
  if (BOOKS_HER_IN[locale].test(normalized)) {
    found.delete("transfer");
    if (!found.has("offer_solution")) add("offer_solution");
  }
  const wePayIt = WE_PAY_IT[locale].test(normalized);
  if (wePayIt || MONEY_BACK_TO_HER[locale].test(normalized)) {
    found.delete("transfer");
    found.delete("dismiss");
    if (wePayIt && !found.has("offer_solution")) add("offer_solution");
  }
  // A bare "Oui ?" / "Yes?" answering her is curt, not rude (session 13's tour: −20 and "don't talk to me like that"
  // for "Oui ?"): it asks what she wants.
  if (BARE_YES[locale].test(normalized)) {
    found.delete("rude");
    if (!found.has("ask_question")) add("ask_question");
  }
  if (asksWhoSheIs(text, locale)) {
    found.delete("rude");
    if (!found.has("ask_question")) add("ask_question");
  }
  // From here on the rules only add helpful moves: whether the turn reads negative is settled.
  const negative = NEGATIVE_MOVES.some((m) => found.has(m));
  if (!found.has("ask_question") && !negative && whQuestion) add("ask_question");
  if (!found.has("take_ownership") && !negative && (ownsTheMistake(text, locale) || takesItOnPersonally(text, locale))) add("take_ownership");
  if (!found.has("apologize") && APOLOGY_TYPED[locale].test(normalized)) add("apologize");
  if (!found.has("set_expectation") && !negative && WORK_MOVES.some((m) => found.has(m)) && TIME_FRAME[locale].test(normalized)) add("set_expectation");
  if (!found.has("take_contact") && !negative && asksForDetailsFormally(text, locale)) add("take_contact");
  if (!found.has("check_with_colleague") && !negative && GOES_TO_LOOK[locale].test(normalized)) add("check_with_colleague");
  if (!found.has("greet") && GREETING[locale].test(normalized)) add("greet");
  const farewell = FAREWELL[locale].test(normalized);
  if (!found.has("close_warmly") && farewell) add("close_warmly");
  else if (found.has("close_warmly") && found.has("apologize") && !farewell && !THANKS[locale].test(normalized)) {
    // An apology with neither a farewell nor thanks is no goodbye ("It's not there. I'm sorry, madam — and sorry to
    // you too, young lady." read as one, and she left before the call was resolved).
    found.delete("close_warmly");
  }
  if (usesName(text, locale)) {
    found.add("use_name");
    s.use_name = 1;
  } else s.use_name = 0;
  if (introduces(text, locale)) {
    found.add("introduce");
    s.introduce = 1;
  }
  return { moves: MOVES.filter((m) => found.has(m)), scores: s };
}
