/**
 * English cues for the offline move classifier. Written against the canonical
 * text (see ./types.ts): "i'll" is "i will", "can't" is "can not", "gonna" is
 * "going to", punctuation is its own token.
 */
import { rule, type Lexicon } from "./types";

const W = "(?:\\s+\\S+){0,3}"; // up to three words in between
const DAYS = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today)";
const NUM = "(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty ?eight|twenty ?four|a few|a couple of|a couple)";
const UNIT = "(?:minutes?|mins?|hours?|hrs?|h|days?|business days?|working days?|weeks?|months?)(?! (?:late|ago|behind|early|overdue))";
const FEELING = "(?:frustrat\\w*|upset\\w*|annoy\\w*|stress\\w*|worr\\w*|anxious|angry|mad|disappoint\\w*|difficult|hard|inconvenien\\w*|concern\\w*|scar\\w*|nerv\\w*|overwhelm\\w*|aggravat\\w*|infuriat\\w*|exasperat\\w*|unpleasant|awful|terrible|a pain|a hassle|a nightmare|pain|hassle|nightmare|bummer|a shock|shock\\w*|a blow|fed up|sick of it|tired of (?:it|this|waiting)|tough|confus\\w*|embarrass\\w*|sad|hurt\\w*|heartbroken|devastated|gutted|crushed)";
const STAFF = "(?:colleagues?|coworkers?|co workers?|manager|supervisor|team|staff|lunch staff|kitchen|chef|waiters?|waitress\\w*|servers?|boss|owner|technicians?|tech team|dentist|doctor|dr|hygienist|billing(?: department| team)?|accounts?(?: department)?|finance|department|lost and found|front desk|night shift|morning shift|day shift|cleaners?|cleaning crew|people)";

/** Not an offer: a purpose ("so I can send you…") or a question put to a colleague ("ask whether we can…"). */
const NOT_AN_OFFER = /(?:\b(?:so|so that|in order to)\s*$)|(?:\ban? (?:email|e mail|number|address) (?:that |where )?$)|(?:\b(?:ask|asking|check|see with|talk to|speak to)\b.*\b(?:if|whether)\s*$)/;

const canonicalPairs: Array<[RegExp, string]> = [
  [/-/g, " "],
  [/\bwon'?t\b/g, "will not"],
  [/\bcan'?t\b/g, "can not"],
  [/\bcannot\b/g, "can not"],
  [/\bshan'?t\b/g, "shall not"],
  [/\bain'?t\b/g, "is not"],
  [/\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must|need)n'?t\b/g, "$1 not"],
  [/\bi'?m\b/g, "i am"],
  [/\bi'?ma\b/g, "i am going to"],
  [/\b(you|we|they)'re\b/g, "$1 are"],
  [/\b(you|we|they)re\b/g, "$1 are"],
  [/\b(i|you|we|they|he|she|it|that|someone|somebody|there)'ll\b/g, "$1 will"],
  [/\b(you|we|they)ll\b/g, "$1 will"],
  [/(^|[.,!?;:] )ill\b/g, "$1i will"],
  [/\b(i|you|we|they|could|would|should|must|might)'ve\b/g, "$1 have"],
  [/\b(i|you|we|they)ve\b/g, "$1 have"],
  [/\b(i|you|we|they|he|she|it|that)'d\b/g, "$1 would"],
  [/\b(it|that|what|there|here|he|she|who|where|how|everything|nothing|this|something|which)'s\b/g, "$1 is"],
  [/\b(that|what|there|here|everything|nothing)s\b/g, "$1 is"],
  [/\blet'?s\b/g, "let us"],
  [/\bgonna\b/g, "going to"],
  [/\bwanna\b/g, "want to"],
  [/\bgotta\b/g, "got to"],
  [/\blemme\b/g, "let me"],
  [/\bgimme\b/g, "give me"],
  [/\bdunno\b/g, "do not know"],
  [/\b(?:u|ya)\b/g, "you"],
  [/\bur\b/g, "your"],
  [/\b(?:pls|plz|plse)\b/g, "please"],
  [/\b(?:thx|thnx|thanx)\b/g, "thanks"],
  [/\bsec\b/g, "second"],
  [/\bsecs\b/g, "seconds"],
  [/\bmins\b/g, "minutes"],
  [/\bokay\b|\bok\b|\bk\b/g, "ok"],
  [/\bmrs\b/g, "mrs"],
  [/\bapologise/g, "apologize"],
  [/\bsorry+\b/g, "sorry"],
  [/\bsry\b/g, "sorry"],
  [/\b(?:sory|sorr|soory|sorrt)\b/g, "sorry"],
  [/\b(?:thnx|thnks|tanks)\b/g, "thanks"],
  [/\b(?:helo|hellp|hallo)\b/g, "hello"],
  [/\bmornin\b/g, "morning"],
  [/\b(?:worrry|wory)\b/g, "worry"],
];

export const en: Lexicon = {
  canonical(text) {
    let t = text;
    for (const [re, to] of canonicalPairs) t = t.replace(re, to);
    return t;
  },
  negationBefore: /\b(?:not|never|no|nobody|no one|nothing|neither|nor|without|hardly)\b/,
  negationAfter: /(?!)/,
  future: /\b(?:will|shall|going to|gonna|should|expect|expected|be back|once|as soon as|until|till)\b/,
  questionStart:
    /^(?:(?:and|so|ok|alright|now|well|also|sorry|um|uh|right|great|sure)\s*,?\s+)*(?:what|when|where|which|who|whom|whose|why|how|could you|can you|would you|will you|do you|did you|does|have you|has|are you|were you|is it|is this|is that|is there|was it|may i|can i|could i|might i|shall we)\b/,
  notAQuestion:
    /^(?:mr|mrs|ms|miss|mister|sir|ma'am) \S+ \?$|\b(?:anything else|something else|hold|one moment|a moment|a second|a minute|are you sure|are you certain|would you like me to|do you want me to|shall i|should i|would it help if|how about|what about (?:a|an|we|i)(?!\\w)|you sure|seriously|kidding|would you mind holding|can i put you|could i put you|transfer you|put you through|what is wrong with you|is that clear|happy now)\b/,
  vocabulary: [
    "sorry", "apologize", "apologies", "apology", "understand", "understandable", "frustrating", "frustrated", "frustration",
    "annoying", "stressful", "worried", "worry", "worrying", "imagine", "disappointing", "inconvenience", "transfer",
    "colleague", "colleagues", "manager", "supervisor", "department", "technician", "personally", "responsibility",
    "welcome", "morning", "afternoon", "evening", "thank", "thanks", "calling", "speaking", "please", "moment", "second",
    "minute", "minutes", "hours", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "business", "number", "phone", "email", "address", "contact", "details", "callback", "anything", "something", "else",
    "definitely", "absolutely", "certainly", "correctly", "understanding", "because", "reason", "payment", "refund", "credit",
    "waive", "reschedule", "appointment", "actually", "happened", "problem", "policy", "nothing", "responsible", "fault",
    "mistake", "forgot", "forgotten", "should", "would", "could", "ridiculous", "stupid", "idiot", "weather", "football",
    "soccer", "hockey", "weekend", "vacation", "holiday", "assured", "worries", "hello", "goodbye", "great", "lovely",
    "wonderful", "pleasure", "together", "recommend", "suggest", "future", "reference", "remember", "happy", "handle",
    "check", "personally", "confirm", "verify", "restaurant", "kitchen", "waiter", "staff", "right", "already",
    "directly", "immediately", "possible", "contact", "really", "terrible", "difficult", "believe", "through", "connect",
    "guarantee", "promise", "yourself", "exactly", "another", "options", "option", "expect", "within", "receive",
    "there", "their", "where", "which", "about", "other", "questions",
  ],
  knownWords: [
    "told", "hole", "holds", "sort", "sore", "word", "world", "worse", "worth", "thing", "think", "these", "those", "then",
    "than", "them", "they", "when", "what", "want", "went", "will", "well", "wall", "time", "tine", "know", "knew", "need",
    "feed", "read", "real", "call", "cell", "fall", "tall", "ball", "name", "same", "come", "came", "some", "home", "cost",
    "most", "post", "lost", "last", "fast", "past", "list", "left", "lift", "life", "like", "live", "love", "line", "fine",
    "find", "mind", "kind", "hand", "land", "send", "sent", "spend", "spent", "bill", "fill", "kill", "still", "shall",
    "small", "thinking", "everything", "moments", "seconds", "calls", "called", "caller", "number", "numbers", "checks",
    "checked", "helps", "helped", "hopes", "holding", "sorting", "worried", "worrying", "contacts", "contacted", "their",
    "there", "three", "three", "where", "were", "here", "hear", "heard", "near", "dear", "year", "wear", "these", "thank",
    "think", "thin", "speak", "speaks", "spoke", "spoken", "welcomed", "evenings", "mornings", "minutes", "hours",
    "answer", "answers", "second", "secondly", "record", "phones", "phoned", "emails", "emailed", "forget", "forgets",
    "should", "shoulder", "would", "could", "cold", "gold", "bold", "sold", "hold", "fold", "older", "holder", "today",
    "falling", "difficulty", "greet", "conform", "stiff", "though", "thought", "assumed", "fallback", "might", "night",
    "light", "sight", "tight", "fight", "bright", "other", "mother", "bother", "others", "worries", "sorted", "thinks",
    "checks", "checking", "calling", "colleges", "college", "refunds", "credits", "paying", "payments", "numbers",
  ],
  rules: [
    // greet
    rule("greet", "^(?:(?:ok|so|yes|oh)\\s*,?\\s*)?(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening|day)|morning|afternoon|evening|greetings)\\b"),
    rule("greet", "(?:^|[.!?,] )(?:hi|hello|hey) there\\b"),
    rule("greet", "\\b(?:welcome to|welcome in)\\b"),
    rule("greet", "^(?:\\S+ ){0,4}(?:thank you|thanks) for (?:calling|contacting|holding)(?! (?:[,.!] )?(?:and )?(?:have|bye|goodbye|take care|enjoy|talk soon))\\b"),
    rule("greet", "\\bhow are you(?: doing)?(?: today)?\\s*\\?"),
    // introduce
    rule("introduce", "\\bmy name is\\b|\\bmy name's\\b|\\bthe name is\\b"),
    rule("introduce", "\\b(?:you have reached|you are speaking (?:with|to)|you are through to|you are talking (?:with|to))\\b"),
    rule("introduce", "\\b(?!(?:it|this|that|is|am|are|who|i|you|not|now|just|still|someone|somebody)\\b)\\w+ speaking\\s*(?:[.,!]|$)"),
    rule("introduce", "(?:^|, )(?:the )?(?:front desk|reception|customer (?:service|support|care)|billing(?: department)?|accounts(?: department)?|technical support|tech support)\\s*(?:,|[.!]|$)"),
    rule("introduce", "\\bi am (?:the )?(?:receptionist|manager|owner|head waiter|front desk|from (?:the|billing|customer|accounts|support)|with (?:the|billing|customer|accounts|support)|in charge)\\b"),
    rule("introduce", "\\b(?:this is|it is) (?:the )?(?:front desk|reception|customer (?:service|support|care)|billing(?: department)?|support|accounts|the clinic|clinic)\\b"),
    // acknowledge_feeling
    rule("acknowledge_feeling", `\\bi (?:completely |totally |fully |really |definitely |can |do )?(?:understand|get|see|hear|know|imagine|appreciate)${W} (?:how|that|why|your|this|it)${W} ${FEELING}`),
    rule("acknowledge_feeling", `\\b(?:that|this|it|which)(?: is| must be| must have been| would be| sounds| seems| can be| is really| was| has been)(?: so| really| very| incredibly| extremely| quite| pretty| super| such| a| an| truly| genuinely| understandably| definitely| completely| real)* ${FEELING}`, { neg: true }),
    rule("acknowledge_feeling", `\\b(?:you|she|he|they|your (?:little )?(?:daughter|son|girl|boy|kids?|child|children|husband|wife|partner|mother|father|mom|mum|dad|family|granddaughter|grandson)) (?:must|might|probably|may|will) (?:be|feel|have been|have felt)(?: so| really| very| quite| pretty| a bit| a little)? ${FEELING}`),
    rule("acknowledge_feeling", `\\b(?:i would|anyone would|i would be|i would feel|anybody would) (?:be |feel )?(?:so |really |pretty )?${FEELING}(?: too| as well)?`),
    rule("acknowledge_feeling", `\\b(?:no wonder|of course|i can see|i can tell|i can hear|understandably) you (?:are|were|feel|sound|seem|would be)${W}? ?${FEELING}`),
    rule("acknowledge_feeling", "\\bi (?:completely |totally |fully |really |definitely |do )?understand(?: you| that| your concern| your frustration| how you feel| what you mean| your worry)?\\s*(?:[.,!;]|$)"),
    rule("acknowledge_feeling", "\\b(?:i hear you|i feel you|i get it|i totally get it|i completely get it|i get that|i understand your (?:frustration|concern|worry|anger|disappointment|situation|feelings?)|that is (?:completely |totally |perfectly )?understandable|(?:completely|totally|perfectly) understandable|i would feel the same|i would feel exactly the same|i can only imagine|i can imagine|sorry to hear|i know the feeling|that is not (?:a )?fun|that is no fun|what a (?:pain|hassle|nightmare|day)|oh no)\\b"),
    rule("acknowledge_feeling", "\\byour (?:frustration|concern|worry|disappointment|anger) is (?:completely |totally |perfectly )?(?:understandable|valid|legitimate|justified|normal)\\b"),
    rule("acknowledge_feeling", "\\byou (?:have|ve) had (?:a|such a|quite a) (?:rough|tough|long|bad|difficult|hard|stressful|terrible|awful|frustrating) (?:day|morning|week|time|afternoon|few days)\\b"),
    rule("acknowledge_feeling", "\\bthe last thing you need\\b|\\bnot what you (?:need|needed|want|wanted)\\b|\\bnot how you wanted\\b"),
    // apologize
    rule("apologize", "\\bsorry\\b", { neg: true }),
    rule("apologize", "\\b(?:apologize|apologies|apology|my bad|forgive (?:us|me)|please excuse|excuse (?:us|me) for|pardon (?:the|our)|we regret|i regret)\\b", { neg: true }),
    // reassure
    rule("reassure", "\\b(?:do not|dont) (?:you )?(?:worry|panic|stress|be worried|be concerned|fret)\\b|\\bno (?:need|reason) to (?:worry|panic|stress|be worried)\\b|\\bnothing to worry about\\b|\\bnot to worry\\b|\\bno worries\\b"),
    rule("reassure", "\\b(?:you (?:have not|did not|have) (?:done )?(?:anything|nothing) wrong|you did nothing wrong|(?:it is|that is|this is) not your fault|you are all (?:good|set|sorted)|all sorted now|(?:do not|dont) be sorry|no need to (?:be sorry|apologize)|(?:it|these things|that|this|stuff) happens\\s*(?:[,.!]|$))"),
    rule("reassure", "\\b(?:rest assured|you are in good hands|you are in safe hands|you are not the (?:first|only)|it happens (?:a lot|all the time|often|quite often|to everyone)|this happens (?:a lot|all the time|often|quite often|to everyone)|happens all the time|we see this (?:a lot|all the time|often)|it is (?:a )?(?:very )?common|good news|we will (?:get|sort|figure|work) (?:this|it|that|things|everything) out|we will get (?:this|it|that|you) (?:sorted|fixed|resolved|back)|we will (?:find|fix|solve|sort) (?:it|this|that|a way|a solution)|i am (?:sure|confident|certain) we (?:will|can)|(?:it|everything|that|this|you) (?:is|will be|are) (?:going to be )?(?:ok|fine|all right|alright|safe|covered|sorted|taken care of)|nothing is lost|your (?:data|account|money|service|booking|appointment|reservation) is (?:safe|secure|fine|not lost)|you will not (?:lose|be charged|be penalized|pay)|it is (?:easy|easily|simple) to fix|easily (?:fixed|fixable|sorted)|no harm done|we can (?:fix|sort|solve) (?:this|that|it))\\b"),
    // paraphrase
    rule("paraphrase", "\\b(?:if i understand(?: you)?(?: correctly| right| well)?|if i (?:have|got) (?:this|that|it|you) right|if i am (?:understanding|hearing) (?:you|this)(?: correctly| right)?|so (?:what )?you are saying|what you are saying is|what i am hearing is|let me (?:make sure|see if|check) (?:i|that i) (?:understand|understood|have|got|get)|just to (?:confirm|make sure|recap|clarify|be clear|be sure|check i understand)|to (?:recap|sum up|summarize|summarise)|in other words|so basically you|so to (?:recap|summarize|sum up)|if i follow you|so you are telling me|you are telling me that|if i understood(?: you)?(?: correctly| right| well)?|just so i am clear|so i am clear|to be clear|(?:let me )?repeat (?:that|it|this) back|read (?:that|it|this) back to you|if i heard (?:you )?(?:correctly|right))\\b"),
    rule("paraphrase", "^(?:(?:ok|okay|right|alright|mm|so|mrs?\\.? \\S+|ms\\.? \\S+|miss \\S+|sir|ma'am|madam) , )*(?:ok (?:, )?|right (?:, )?)?so (?:, )?(?:you|your|the|she|he)\\b(?: \\S+){0,3}? (?:went|were|was|have|had|did|got|came|called|paid|lost|left|received|been|noticed|want|would like|need|are|tried|saw|never|still|already)\\b"),
    rule("paraphrase", "^(?:ok\\s*,?\\s*|right\\s*,?\\s*|alright\\s*,?\\s*)?so\\s*,?\\s+(?:you|your|the|she|he|your daughter|your son)\\b.*\\b(?:right|correct|is that right|is that correct|yes)\\s*\\?"),
    rule("paraphrase", "^(?:(?:ok|okay|right|alright|mm|mrs?\\.? \\S+|ms\\.? \\S+) , )*so (?:, )?(?:you|your|the|she|he|they|it|we)\\b(?:\\s+\\S+){2,}.*\\?\\s*$", { questionOnly: true }),
    // take_ownership
    rule("take_ownership", "\\b(?:i will|i am going to|let me|i am|i will be) (?:personally )?(?:take care of|handle|deal with|look after|sort out|follow up on|follow this up|see to|chase|own|take charge of|take responsibility for|take ownership of|look into|get to the bottom of|make this right|make it right|fix this|fix that|fix it|sort this|sort it|sort that)\\b", { neg: true }),
    rule("take_ownership", "\\b(?:leave it (?:with|to) me|i am on it|consider it done|i will make sure|i take (?:full )?responsibility|that is on (?:us|me)|it is (?:our|my) (?:mistake|fault|error|responsibility)|(?:this|that) (?:is|was) (?:our|my) (?:mistake|fault|error)|we (?:made|messed up|dropped the ball)|i will personally|i personally will|i will own|you have my word|i will keep an eye on|(?:our|my) (?:mistake|fault|error|bad)|see (?:it|this|that) through|follow (?:it|this|that) through|on (?:our|my) (?:end|part|side) (?:entirely|completely)?|(?:follow up|handle (?:it|this|that)|deal with (?:it|this|that)|look into (?:it|this|that)|sort (?:it|this|that) out|take care of (?:it|this|that)) (?:personally|myself)|personally)\\b", { neg: true }),
    // check_with_colleague
    rule("check_with_colleague", `\\b(?:check|confirm|verify|ask|see|talk|speak|consult|double check|look|check in|find out|have a (?:quick )?(?:word|chat)|have a quick word) (?:with|around|to|in with)(?: \\S+){0,2}? (?:my |the |our |a |your )?${STAFF}\\b`, { neg: true }),
    rule("check_with_colleague", `\\b(?:ask|asking|check with|call|ring|text|message|contact) (?:my |the |our |a )${STAFF}\\b`, { neg: true }),
    rule("check_with_colleague", `\\b(?:i will|let me|i am going to|i can) (?:go )?(?:ask|check with|see with|run (?:it|this) by|find out from|ask around)\\b`, { neg: true }),
    rule("check_with_colleague", "\\blet me ask\\b|\\bask around\\b|\\bcheck (?:in )?(?:with )?(?:the )?back(?: office| room)?\\b", { neg: true }),
    // explain
    rule("explain", "\\b(?:automatically|(?:is|are|gets|get) (?:added|charged|applied|taken|debited)|(?:she|he|they) (?:handles|deals with|takes care of|is in charge of|manages|looks after|does)|happens (?:a lot |often |all the time |sometimes )?when|(?:is|are) (?:handled|managed|done|dealt with|processed|taken care of) (?:by|in)|running (?:\\S+ ){0,3}late|is (?:running )?late|we keep (?:everything|all)|the reason|generally|typically)\\b", { statementOnly: true }),
    rule("explain", "\\b(?:because|the reason (?:is|was|why)|that is why|this is why|which is why|what happened (?:is|was)|it (?:looks|seems|appears) (?:like|that)|it turns out|due to|this is due|that is due|the way it works|how it works|what this means|this means|that means|our policy is|the policy is|normally|usually|what we do is|we (?:usually|normally|always) (?:keep|put|store|hold|send|charge|process)|we keep (?:lost|found|forgotten|items|things)|i can see (?:that|here|on)|i see (?:that|here|on your)|according to|the system|since (?:your|the))\\b", { statementOnly: true }),
    rule("explain", "\\b(?:your|the) (?:payment|card|credit card|bill|autopay|auto pay|automatic payment|direct debit|invoice|account|appointment|charge|transaction|bank|cap|hat|item|reservation|booking|treatment|procedure|estimate|quote|insurance) (?:was|has been|had|did not|was not|expired|failed|bounced|went|got|costs?|includes?|is (?:due|overdue|scheduled|set|linked|registered|attached|showing|expired|declined|late|higher|lower|different))\\b", { statementOnly: true }),
    // offer_solution
    rule("offer_solution", "\\b(?:i will|i am going to|let me|i can|we can|i could|we could|we will|i am able to|we are able to|i have|we have|i just|i already|i would be happy to|i will be happy to|i am happy to|i am glad to|i will gladly|(?:i|we) would (?:love|like|be (?:happy|glad|delighted|pleased)) to|we will gladly|we are happy to) (?:go ahead and |also |just |now |quickly |immediately |personally |then )?(?:offer|send(?! you (?:the|a|an|your)? ?(?:estimate|quote|confirmation|details|info|information|update|email|text|link|message))|refund|credit|waive|reschedule|rebook|book|set up|setup|reactivate|restore|reconnect|put (?:a|in)|add|arrange|remove|cancel|apply|give|fix|reset|update|process|retry|re run|rerun|run the payment|reverse|reimburse|replace|issue|move|schedule|fit you|squeeze you|get you|find you|open|extend|hold (?:it|the|a)|keep (?:it|the|a)|(?:put|set|keep|tuck) (?:it|them|this|that|the \\w+) (?:aside|away|somewhere safe|in a safe place|behind the (?:desk|counter|bar))|mail|ship|reserve|switch|change|make an exception|take (?:the|your|a) payment|take it over the phone|split|spread|discount|lower|bring|leave (?:it|the)|offered|sent|refunded|credited|waived|rescheduled|rebooked|booked|reactivated|restored|reconnected|added|arranged|removed|cancelled|canceled|applied|fixed|reset|updated|processed|reversed|reimbursed|issued|moved|scheduled|extended|reserved|switched|changed)\\b", { neg: true, notAfter: NOT_AN_OFFER }),
    rule("offer_solution", "\\b(?:would you like (?:me|us) to|do you want (?:me|us) to|shall i|should i|would it help if|how about(?! that| this| the weather| them| those)|what about (?:a|an|we|i)|what i can do is|what we can do is|one option is|another option is|i (?:would|can) suggest|i suggest|i propose|my suggestion|the (?:best|easiest|quickest) (?:way|option|solution|thing) (?:is|would be)|there is a (?:way|solution|fix)|we have (?:an? )?(?:opening|slot|appointment|availability|spot)|i have (?:an? )?(?:opening|slot|appointment|availability|spot)|i found (?:it|your|a)|we found (?:it|your|a|the)|no charge|free of charge|at no (?:extra |additional )?(?:cost|charge)|on the house)\\b", { neg: true, notAfter: NOT_AN_OFFER }),
    rule("offer_solution", "\\byou (?:could|can) (?:also |always )?(?:pay|come|pick|drop|use|try|switch|set|log|go|book|call)\\b", { neg: true, unless: ["share_tip"] }),
    // set_expectation
    rule("set_expectation", `\\b(?:${NUM}|a|an) (?:to|or|-) ${NUM} ${UNIT}\\b|\\b(?:over|within) (?:about|around|roughly|approximately) ${NUM} ${UNIT}\\b`, { statementOnly: true }),
    rule("set_expectation", `\\b(?:by|before|no later than|until|till) (?:the end of )?(?:${DAYS}|noon|midday|end of (?:the )?(?:day|week|month)|close of business|lunch(?:time)?|(?:\\d{1,2}(?::\\d\\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ?(?:am|pm|o clock)?|next (?:week|month|monday|tuesday|wednesday|thursday|friday)|this (?:afternoon|evening|week)|tonight|(?:the )?weekend)\\b`, { statementOnly: true }),
    rule("set_expectation", `\\b(?:within|in|under|in about|in around|in the next|within the next|for about|takes about|take about|up to)(?: about| around| roughly| approximately| less than| under| the next)? ${NUM}[ -]?${UNIT}\\b`, { statementOnly: true }),
    rule("set_expectation", `\\b(?:within|in) (?:the|an|a|the next) (?:hour|day|week|half hour|half an hour)\\b|\\b(?:24|48|72) ?(?:h|hours|hrs)\\b`, { statementOnly: true }),
    rule("set_expectation", "\\b(?:tomorrow|first thing (?:tomorrow|in the morning|monday))\\b", { statementOnly: true, neg: true }),
    rule("set_expectation", `\\b(?:tomorrow|later today|this afternoon|this evening|tonight|first thing (?:tomorrow|in the morning|monday)|next week|end of (?:the )?(?:day|week)|on ${DAYS}|right after|as soon as|once (?:the|we|i|it|they|your|she|he)|today|at (?:\\d{1,2}(?: ?h ?\\d\\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)(?: ?(?:am|pm|o clock|thirty))?)\\b`, { statementOnly: true, needsFuture: true, neg: true }),
    rule("set_expectation", "\\b(?:it (?:will|should|may|might|can|usually|normally) (?:take|be done|be back|be fixed|be restored|be processed|be sorted|be ready|show up|appear|clear|go through)|you (?:will|should) (?:receive|get|see|be able)|you can expect|expect (?:a|an|it|the|to)|it usually takes|it normally takes|it takes (?:about|around|up to)|the next step (?:is|will be)|what happens next|next steps?)\\b", { statementOnly: true, neg: true }),
    // take_contact
    rule("take_contact", "\\b(?:can|could|may|might) i (?:have|get|take|grab|ask for|ask you for|note|jot down|write down|confirm) (?:your|a|the best|the|down your|a good)(?: full| phone| cell| mobile| home| contact| email| e mail| best| callback| call back| good)*(?: number| phone| email| e mail| address| details| name| contact| info| information| last name| surname| coordinates| cell)\\b"),
    rule("take_contact", "\\b(?:what is|what would be|what is the best|give me|i need|i will need|i would need|i will take|let me take|let me get|let me have|i will just take|i will note|i will write down|i will jot down|leave (?:me |us )?|please leave|please give me|could you give me|can you give me|could you leave|can you leave|could you spell|can you spell|what number|which number|what email|which email)(?: down)?(?: your| a| the best| the| a good| an)?(?: full| phone| cell| mobile| home| contact| email| e mail| best| callback| call back| good)*(?: number| phone number| email| e mail| address| details| name| contact details| contact info| contact information| last name| surname| cell)\\b"),
    rule("take_contact", "\\b(?:do you have|have you got|is there) (?:an?|your|a good|a mobile|a cell) ?(?:email|e mail|number|phone number|mobile|cell|contact number)\\b"),
    rule("take_contact", "\\b(?:give|leave|take|note|jot|write|get|grab|have|spell|confirm|need|send)(?: me| us| down)? your (?:full |last |first |phone |cell |mobile |home |email |e mail |best |contact )*(?:number|phone|email|e mail|address|details|name|contact|info|surname)\\b|\\byour (?:full |last |first |phone |cell |mobile |email |e mail |best )?(?:name|number|phone number|email|e mail|address|surname) (?:, )?please\\b"),
    rule("take_contact", "\\b(?:number|way|where|how) (?:i|we|they|someone) can (?:reach|contact|call|get hold of|text|email) you\\b|\\b(?:how|where) can (?:i|we) (?:reach|contact|get hold of) you\\b|\\bbest (?:number|way) to reach you\\b|\\bmay i ask who is calling\\b|\\bwho am i speaking (?:with|to)\\b|\\bwho i am speaking (?:with|to)\\b|\\byour name(?:,)? please\\b|\\byour (?:number|phone number|email)(?:,)? please\\b"),
    // promise_callback
    rule("promise_callback", "\\b(?:i|we|someone|somebody|they|she|he|the (?:manager|technician|team|dentist|doctor|chef|owner)|our (?:team|technician|manager)) (?:will|are going to|am going to|is going to|shall|would|can|will be sure to|will make sure to|promise to|will definitely|will personally) (?:definitely |personally |then |also |be sure to |make sure to |absolutely )?(?:call you(?: back)?|phone you|ring you|give you a (?:call|ring|buzz)|get back to you|contact you|email you|text you|reach out(?: to you)?|be in touch|let you know|get in touch|follow up with you|update you|keep you (?:posted|updated|informed)|send you an? (?:email|text|message|update))\\b", { neg: true }),
    rule("promise_callback", "\\byou will hear (?:back )?from (?:us|me|them|someone)\\b|\\b(?:i|we) will call (?:you )?(?:back )?(?:as soon as|once|when|the moment|tomorrow)|\\bexpect (?:a|my|our) (?:call|callback|call back|email|text)\\b|\\bcall you back\\b|\\bget back to you\\b|\\bgive you a (?:call|ring|buzz|shout)\\b|\\b(?:ring|phone|text|email) you back\\b", { neg: true }),
    rule("promise_callback", "\\b(?:i|we|someone) (?:will|am going to|are going to|can) (?:\\S+ )?(?:send|email|text|forward|mail) you (?:the|a|an|your|our) (?:\\S+ )?(?:estimate|quote|confirmation|details|info|information|update|email|text|link|message|summary|form|invoice)\\b", { neg: true, notAfter: NOT_AN_OFFER }),
    // share_tip
    rule("share_tip", "\\b(?:good to know|just so you know|so you know|for your information|fyi|(?:(?:a|one|quick|little|small|pro|top|handy|useful|helpful) )+tips?|^tips? :|tip for|for future reference|for next time|next time you|in (?:the )?future|by the way|heads up|keep in mind|bear in mind|worth knowing|did you know|you might want to|you may want to|might want to|(?:many|most|a lot of) (?:people|customers|clients|patients) (?:find|prefer|like|choose|do)|it is a good idea to|a good idea (?:is|would be) to|i (?:would|always|usually|strongly)? ?(?:recommend|advise|suggest)(?: that)? you|i recommend|i would recommend|i advise|my advice|make sure (?:to|you)|remember to|do not forget to|do not hesitate to|feel free to|pro tip|also worth|what (?:a lot of|many|most) (?:people|customers|clients|patients) do|a lot of (?:people|customers|clients|patients) (?:find|like|use|prefer|do)|you (?:can|could) also (?:set up|sign up|use|check|download|enable|register|ask)|to avoid (?:this|that|it)|to prevent (?:this|that|it))\\b"),
    // offer_more
    rule("offer_more", "\\b(?:anything else|something else|any other (?:questions?|concerns?|way|thing|issues?)|other questions?|anything more|is there more|help you with (?:anything|something) else|else i can (?:do|help)|else we can (?:do|help)|anything i can do|what else can i)\\b", { neg: true }),
    // close_warmly
    rule("close_warmly", "\\b(?:have a (?:great|nice|good|lovely|wonderful|fantastic|pleasant|beautiful|blessed|safe|relaxing) (?:day|evening|afternoon|morning|weekend|night|one|week|trip|meal|dinner|lunch|birthday|time)|enjoy (?:the rest of )?your (?:day|evening|afternoon|weekend|meal|dinner|birthday|new smile)|take care(?! of)|goodbye|good bye|bye|see you (?:soon|tomorrow|then|next|on|later)|talk (?:to you )?soon|all the best|best of luck|good luck|it was (?:a|my) pleasure|my pleasure|you are (?:very |most )?welcome|glad (?:i|we) could help|happy to help|happy (?:i|we) could help|thank you (?:so much |very much )?for (?:your patience|your understanding|calling(?= (?:[,.!] )?(?:and )?(?:have|bye|goodbye|take care|enjoy|talk soon)| [.!]? ?$)|coming|your call|coming in|choosing|reaching out|your trust|being so patient|bearing with)|thanks (?:so much |very much )?for (?:your patience|your understanding|calling(?= (?:[,.!] )?(?:and )?(?:have|bye|goodbye|take care|enjoy|talk soon)| [.!]? ?$)|coming|your call|coming in|choosing|reaching out|your trust|being so patient|bearing with)|we look forward to (?:seeing|hearing|welcoming)|look forward to seeing you|have yourself a)\\b"),
    // hold_request
    rule("hold_request", "\\b(?:(?:please )?hold on|hold the line|please hold|can you hold|could you hold|would you mind holding|(?:put|pop|place|leave|keep) you on (?:a (?:brief|short|quick) )?hold|one moment|just a (?:moment|second|minute|sec|tick|mo)|(?:give|bear with) me (?:a|one|just a|a few|two) (?:moment|second|minute|sec|seconds|minutes)|bear with me|bear with us|a moment please|one second|one sec|wait (?:a|one|just a) (?:moment|second|minute|sec)|hang on|stay on the line|do not hang up|give me a (?:moment|second|minute|sec)|let me just (?:pull|bring|look)|just a moment while|one minute please|a minute please|allow me a (?:moment|minute|second))\\b", { neg: true }),
    // transfer
    rule("transfer", "\\b(?:transfer(?:ring)? you|(?:put|pop|get|send) you (?:through|over) to|put you through|putting you through|connect you (?:to|with)|connecting you|redirect you|route you|forward your call|forward you|pass you (?:over )?to|passing you to|send you (?:over )?to (?:the|our|a|my) (?:\\w+ )?(?:department|team|desk|colleague|manager|supervisor|billing)|hand you over|get (?:someone|my manager|my supervisor|the manager) on the line|switch you (?:over )?to)\\b", { neg: true }),
    rule("transfer", "\\byou (?:will|would) (?:need|have) to (?:call|contact|speak to|talk to|ring|phone|email) (?:the|our|a|another|a different|your) (?:\\w+ )?(?:department|team|service|office|line|number|bank)\\b|\\b(?:that|this) is (?:another|a different|the \\w+) department\\b|\\byou (?:need|have|should) to (?:call|contact) (?:the|our) (?:\\w+ )?(?:department|team|head office)\\b", { neg: true }),
    // dismiss
    rule("dismiss", "\\b(?:(?:that|this|it) is not (?:my|our) (?:problem|job|department|concern|fault|issue|business|responsibility|area|thing|call)|not my (?:problem|job|department|concern|responsibility|business|issue)|not our (?:problem|responsibility|concern|fault)|we are not responsible|we (?:are|were) not responsible|we take no responsibility|(?:there is )?nothing (?:i|we|anyone) can do|nothing (?:more|else) (?:i|we) can do|not much (?:i|we) can do|(?:i|we) can not (?:do anything|help you|help with that|do much|change (?:that|it|anything))|(?:i|we) can not do (?:anything|much)|there is nothing (?:i|we) can|i do not know what (?:else )?to tell you|it is what it is|that is (?:just )?(?:how|the way) it is|that is (?:just )?(?:the|our) policy|rules are rules|take it or leave it|you will have to (?:deal|live|wait)|you will just have to|call back later|try again later|call (?:back )?another time|not (?:my|our) fault|i can not help you|(?:i|we) do not (?:deal with|handle|do|take care of) (?:that|this|those)(?: here)?|(?:i|we) can not (?:take care of|handle|deal with|do) (?:that|this|it)(?: here| for you)?|that is not something (?:i|we) (?:do|handle|deal with)|we do not do that|i have no idea|no idea|too bad|nope|we do not have (?:it|anything|that|them))\\b"),
    rule("dismiss", "^(?:no|nope|nah)\\s*[,.!]?\\s*(?:we|i|nobody|no one|there is)\\s+(?:found|have|saw|handed|has|did not|do not|nothing)\\b", { weak: true }),
    rule("dismiss", "\\b(?:we|i) (?:do not|did not|have not|have no) (?:have |find |found |see |seen |got )?(?:any|anything|them|that)\\b|\\b(?:we|i|nobody|no one) (?:found|have|saw|has|handed in) nothing\\b|\\b(?:we|i|nobody|no one) (?:did not|do not|has not|have not) (?:find|found|see|seen|have|hand(?:ed)? in|turn(?:ed)? in) (?:anything|it|any)\\b|\\bnothing (?:was|has been|got) (?:found|handed in|turned in|left)\\b|\\bnothing here\\b", { weak: true }),
    // blame_customer
    rule("blame_customer", "\\b(?:are|were) you (?:sure|certain|positive)\\b|\\byou sure (?:you|she|he|it|that|they)\\b|\\b(?:it|that|this) is (?:your|all your|entirely your) (?:fault|mistake|problem|responsibility|own fault)|\\byour (?:own )?fault\\b|\\byou (?:must|might|probably|may) have (?:forgotten|forgot|lost|left|entered|typed|put|made|done|misread|missed|dropped|misplaced|given|used|not|mixed|confused|been mistaken)|\\byou (?:should|could) have (?:checked|read|called|paid|updated|looked|noticed|kept|watched|been more careful|known|asked|told)|\\byou should (?:not|never) have\\b|\\byou (?:probably|obviously|clearly|simply) (?:forgot|lost|left|did not|entered|typed|put|made|misread|missed|dropped|misplaced|mixed)|\\bmaybe you (?:forgot|lost|left|did not|entered|typed|put|made|misread|missed|dropped|misplaced|should|mixed)|\\byou (?:did not|never|failed to) (?:pay|read|check|update|follow|look|keep|watch|call|tell|notice|save)|\\byou (?:were|are) supposed to\\b|\\bif you had\\b|\\b(?:you need|you have) to be more careful\\b|\\bthat is on you\\b|\\bdid you (?:even|actually|really) (?:check|read|look|pay|try|leave)\\b|\\bthat is not (?:what|how) (?:it|you|the)|\\byou (?:misunderstood|mixed (?:it|things) up|got it wrong|are wrong|are mistaken|made a mistake|made an error|entered (?:it|the wrong)|typed (?:it )?wrong)\\b|\\b(?:maybe|probably|perhaps) (?:you|she|he|they|your \\w+) (?:lost|left|forgot|dropped|misplaced|put) (?:it|them|the \\w+)?(?: somewhere else| elsewhere| at home| on the bus)?\\b|\\b(?:lost|left|forgot|dropped|misplaced|put|is|be|was) (?:it |them |her \\w+ |his \\w+ )?somewhere else\\b|\\bkids (?:lose|forget) (?:things|stuff)\\b|\\bshe (?:probably|must have) (?:lost|left|forgot)\\b"),
    // rude
    rule("rude", "\\bstop (?:interrupting|cutting me off|talking over me)\\b|\\bseriously \\?|\\bare you (?:even )?(?:listening|reading)\\b|\\bnot that deep\\b|^(?:honestly|come on|look) , (?:it is|that is) (?:not (?:that|a|such a)|no|just)\\b|^(?:listen|look) , (?:it is not|that is not|i do not|i can not|there is nothing|nothing|not my)\\b"),
    rule("rude", "\\b(?:calm down|relax|chill(?: out)?|settle down|cool it|take a (?:chill|breath) pill|stop (?:yelling|shouting|screaming|whining|complaining|crying)|shut up|be quiet|whatever|what do you want (?:me to do|from me)|i do not have (?:all day|time for this)|seriously \\?|are you kidding|you kidding|you people|listen (?:lady|buddy|pal|sir|madam|ma am|here|to me)|(?:(?:look|hey|ok|okay) (?:, )?)?(?<!(?:young|little|old|nice|dear|the|a|this|that|older|elderly|kind) )lady (?=[,.!?]|$)|idiot\\w*|stupid|dumb|moron\\w*|ridiculous|pathetic|useless|clueless|incompetent|damn|dammit|hell|crap|bullshit|bs|wtf|omg|ugh|jeez|geez|duh|obviously\\b(?= ,|\\.)|not rocket science|what is wrong with you|how many times|i already told you|i just told you|can you not read|can not you read|learn to|get a life|go away|hang up on you|not my problem lady|happy now|is that clear|i said|do not raise your voice|do not take that tone|watch your tone|you are being (?:difficult|unreasonable|ridiculous|dramatic|hysterical)|over ?react\\w*|so what|big deal|who cares|not the end of the world|first world problem)\\b"),
    rule("rude", "\\b(?:get over it|deal with it|live with it)\\b", { notAfter: /\b(?:i will|let me|i am going to|i can|we will|we can|i shall|i would|happy to)\s*$/ }),
    // off_topic
    rule("off_topic", "\\b(?:weather|raining|rainy|that rain|the rain|this rain|sunny|snowing|snowy|heat ?wave|so hot (?:today|out)|so cold (?:today|out)|the game|football|soccer|hockey|baseball|basketball|the match|world cup|super bowl|the score|playoffs|my (?:weekend|vacation|holiday|holidays|cat|dog|kids|husband|wife|boyfriend|girlfriend|lunch|coffee|birthday)|on (?:vacation|holiday)|your weekend|your vacation|netflix|concert|festival|tv show|that show|series|movie|film|traffic was|my commute|horoscope|the election|politics|the news|celebrity|taylor swift|did you see (?:the|that)|fun fact|random question|on another note|unrelated|anyway (?:, )?(?:did|have|do) you)\\b"),
  ],
};
