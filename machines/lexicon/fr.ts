/**
 * French cues (France and Québec) for the offline move classifier. Written
 * against the canonical text (see ./types.ts): accents folded, hyphens are
 * spaces ("inquietez vous"), elisions expanded ("j'vais" is "je vais",
 * "t'es" is "tu es", "y'a" is "il y a", "qu'" is "que "), "s'il vous plaît" is "svp".
 */
import { rule, type Lexicon } from "./types";

const W = "(?:\\s+\\S+){0,3}";
const V = "(?:vous |te |t' |vs )?"; // optional object pronoun
const JE_VAIS = "(?:je vais|je vas|je m'en vais|on va|nous allons|je peux|on peut|nous pouvons|je pourrais|on pourrait|nous pourrions|laissez moi|laisse moi|je voudrais|je veux|je vous propose de|je te propose de)";
const DAYS = "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir|aujourdhui|midi|la fin de (?:la )?(?:journee|semaine|mois)|la semaine prochaine|la fin de semaine|le week end|ce week end|cet apres midi|cette semaine|\\d{1,2} ?h(?:\\d\\d)?)";
const NUM = "(?:\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|douze|quinze|vingt|trente|quarante ?huit|vingt ?quatre|quelques|une dizaine de|une quinzaine de|une vingtaine de)";
const UNIT = "(?:minutes?|min|heures?|h|jours?|jours ouvrables|jours ouvres|semaines?|mois)(?! (?:de retard|en retard|plus tot|passees|passes))";
const FEELING = "(?:frustr\\w*|enerv\\w*|stress\\w*|inquiet\\w*|angoiss\\w*|penible|desagreable|agac\\w*|difficile|dur|decevant|decu\\w*|embet\\w*|contrari\\w*|facheu\\w*|fach\\w*|choqu\\w*|chiant|plate|poche|fatigant|epuis\\w*|deprim\\w*|triste|inquietude|emb[eê]tant|genant|ennuyeux|rageant|revoltant|exasperant|desesper\\w*|complique|lourd|pas drole|pas le fun|l'enfer|la galere|galere|un cauchemar|tannant|frustration|colere|fache|un choc|choquant|un coup dur)";
const STAFF = "(?:collegues?|equipe(?: du (?:midi|soir|matin))?|equipe|personnel|serveurs?|serveuses?|cuisine|cuisiniers?|chef|patron|patronne|gerant|gerante|responsable|superviseur\\w*|direction|technicien\\w*|service (?:de )?(?:facturation|technique|comptabilite|client)|facturation|comptabilite|dentiste|docteur|dr|hygieniste|assistante?|ceux du midi|ceux du soir|les gars|le monde du midi|l'equipe|objets trouves|la plonge)";

/** Not an offer: a purpose ("pour que je vous envoie…") or a question put to a colleague ("demander si on peut…"). */
const NOT_AN_OFFER = /(?:\b(?:pour que|afin que|pour)\s*$)|(?:\b(?:demander|demande|verifier|verifie|voir avec|checker)\b.*\bsi\s*$)/;

const canonicalPairs: Array<[RegExp, string]> = [
  [/-/g, " "],
  [/\baujourd'?hui\b/g, "aujourdhui"],
  [/\bs'?il (?:vous|te) pla[iî]t\b|\bsil (?:vous|te) plait\b|\bsvp\b|\bstp\b|\bsvp\b/g, "svp"],
  [/\bp'?tite\b/g, "petite"],
  [/\bp'?tites\b/g, "petites"],
  [/\bp'?tit\b/g, "petit"],
  [/\bp'?tits\b/g, "petits"],
  [/\bt'?es\b(?= |$)/g, "tu es"],
  [/\bt'as\b/g, "tu as"],
  [/\bt'?sais\b|\btse\b|\btsais\b/g, "tu sais"],
  [/\btkt\b/g, "te inquiete pas"],
  [/\bj'?vais\b/g, "je vais"],
  [/\bj'?vas\b/g, "je vas"],
  [/\bj'?peux\b/g, "je peux"],
  [/\bj'?veux\b/g, "je veux"],
  [/\bj'?pense\b/g, "je pense"],
  [/\bj'?comprends\b/g, "je comprends"],
  [/\bj'?te\b/g, "je te"],
  [/\bj'?vous\b/g, "je vous"],
  [/\bj'?me\b/g, "je me"],
  [/\bj'?(?:suis|suit)\b|\bchu\b|\bchuis\b/g, "je suis"],
  [/\bj'?sais\b|\bchais\b|\bchsais\b/g, "je sais"],
  [/\by'?a\b(?! t)/g, " il y a "],
  [/\bil il y a\b/g, "il y a"],
  [/(?<!il )\by a\b/g, "il y a"],
  [/\bil y a t il\b/g, "il y a"],
  [/\bcest\b/g, "c'est"],
  [/\bcetait\b/g, "c'etait"],
  [/\b(j|m|t|s|n|d)'\s*/g, "$1e "],
  [/\bqu'\s*/g, "que "],
  [/\bl'\s*/g, "l' "],
  [/\bpcq\b|\bpck\b|\bparceque\b/g, "parce que"],
  [/\bpis\b/g, "puis"],
  [/\bdsl\b/g, "desole"],
  [/\b(?:desol|deso|dsole)\b/g, "desole"],
  [/\b(?:bjour|bonjou|bonjoru)\b/g, "bonjour"],
  [/\b(?:mrci|merki)\b/g, "merci"],
  [/\bbjr\b/g, "bonjour"],
  [/\bslt\b/g, "salut"],
  [/\bmtn\b/g, "maintenant"],
  [/\brdv\b/g, "rendez vous"],
  [/\bqqch\b|\bqqc\b/g, "quelque chose"],
  [/\bbcp\b/g, "beaucoup"],
  [/\bstp\b/g, "svp"],
  [/\btel\b/g, "telephone"],
  [/\bnum\b/g, "numero"],
  [/\bmerci bcp\b/g, "merci beaucoup"],
  [/\bok+\b|\bokay\b|\boke\b/g, "ok"],
  [/\s+/g, " "],
];

export const fr: Lexicon = {
  canonical(text) {
    let t = text;
    for (const [re, to] of canonicalPairs) t = t.replace(re, to);
    return t.trim();
  },
  negationBefore: /\b(?:ne|pas|jamais|aucun|aucune|rien|sans|non|nullement)\b/,
  future: /\b(?:va|vais|vas|allons|allez|vont|devrait|devriez|devraient|sera|serez|seront|aurez|aura|\w+(?:rai|ras|ra|rons|rez|ront)|des que|une fois que|rappelle|recontacte|envoie|tiens au courant|tient au courant)\b/,
  negationAfter: /^\s*(?:pas(?! de (?:souci|soucis|probleme|problemes|trouble|panique|stress))|jamais|point|aucunement)\b/,
  questionStart:
    /^(?:(?:et|alors|donc|bon|ok|d'accord|bien|parfait|tres bien|puis)\s*,?\s+)*(?:est ce que|est ce qu|que est ce|qu est ce|quel|quelle|quels|quelles|quand|comment|pourquoi|combien|ou est|ou etes|ou avez|pouvez vous|pourriez vous|auriez vous|avez vous|etes vous|savez vous|voulez vous|vous souvenez vous|vous rappelez vous|puis je|pourrais je|peux tu|pourrais tu|as tu|sais tu|tu peux|tu sais tu|c'est quoi|ce serait quoi|a quelle)\b/,
  notAQuestion:
    /^(?:madame|monsieur|mademoiselle|mme|mlle) \S+ \?$|\b(?:autre chose|vous etes sure?s?|tu es sure?|etes vous sure?s?|etes vous certaine?s?|vous etes certaine?s?|voulez vous que je|veux tu que je|voulez vous que on|aimeriez vous que je|souhaitez vous que je|vous voulez que je|tu veux que je|je vous mets en attente|patienter|un instant|un moment|une seconde|ne quittez pas|vous transfere|te transfere|vous passe|que diriez vous|vous etes pas serieu|vous me ecoutez|tu me ecoutes|tu es pas serieu|vous etes serieu|c'est clair|vous comprenez ca|non mais)\b/,
  vocabulary: [
    "bonjour", "bonsoir", "bienvenue", "desole", "desolee", "excuse", "excuses", "excusez", "comprends", "comprend", "frustrant",
    "frustration", "frustree", "stressant", "inquiet", "inquiete", "inquietez", "inquietude", "imagine", "penible", "transfere",
    "transferer", "collegue", "collegues", "equipe", "responsable", "superviseur", "technicien", "personnellement", "occupe",
    "occuper", "charge", "verifie", "verifier", "demander", "demande", "rappelle", "rappeler", "rappellerai", "recontacte",
    "numero", "telephone", "courriel", "adresse", "coordonnees", "instant", "moment", "seconde", "patienter", "patientez",
    "attente", "quittez", "autre", "chose", "journee", "soiree", "revoir", "bientot", "merci", "plaisir", "propose",
    "proposer", "rembourser", "remboursement", "credit", "crediter", "reactiver", "paiement", "prelevement", "facture",
    "carte", "parce", "raison", "normalement", "malheureusement", "probleme", "problemes", "politique", "rien", "faute",
    "erreur", "oublie", "oubliee", "certaine", "certain", "serieuse", "serieux", "ridicule", "calmez", "meteo", "match",
    "vacances", "conseil", "conseille", "recommande", "savoir", "information", "prochaine", "attention", "demain", "vendredi",
    "lundi", "mardi", "mercredi", "jeudi", "samedi", "dimanche", "semaine", "heures", "minutes", "jours", "comprendre",
    "compris", "resume", "autrement", "rassurez", "souci", "soucis", "trouble", "inquietez", "madame", "monsieur",
    "aujourdhui", "vraiment", "absolument", "certainement", "tellement", "vous", "votre", "nous", "notre", "avec",
    "casquette", "rendez", "dentiste", "clinique", "restaurant", "service", "vraiment", "pouvez", "pourriez", "avez",
    "quelque", "retrouve", "retrouvee", "trouve", "trouvee", "cherche", "chercher", "regarde", "regarder",
  ],
  knownWords: [
    "comprenez", "comprenons", "compte", "comptes", "conte", "monte", "montre", "nombre", "numeros", "ombre", "autres",
    "autrefois", "chose", "choses", "chaise", "moments", "mouvement", "instants", "instance", "charges", "charger",
    "charme", "change", "changer", "occupe", "occupes", "occupee", "demandes", "demandez", "demandons", "dernier",
    "derniere", "verifiez", "verifions", "rappel", "rappels", "rappelez", "rappelons", "appelle", "appeler", "appelez",
    "attendre", "attends", "attendez", "attente", "carte", "cartes", "porte", "parte", "perte", "carton", "parce",
    "parle", "parler", "parlez", "rien", "bien", "chien", "tiens", "viens", "mien", "sien", "votre", "notre", "vitre",
    "nous", "vous", "sous", "tous", "avec", "avez", "avons", "avait", "avant", "aviez", "merci", "mercredi", "heures",
    "heure", "heureux", "heureuse", "jours", "jour", "toujours", "autour", "retour", "semaine", "semaines", "journee",
    "journees", "soiree", "soirees", "prochain", "prochaine", "prochaines", "seconde", "secondes", "second",
    "normal", "normale", "raisons", "raisonnable", "madame", "monsieur", "mesdames", "messieurs", "casquettes",
    "trouve", "trouves", "trouvez", "trouver", "trouvons", "retrouver", "retrouvez", "cherchez", "cherchons",
    "regardez", "regardons", "pourrez", "pourrais", "pourrait", "pouvons", "pouvait", "pouvez", "pourriez",
    "publiee", "faste", "close", "ravoir", "noter", "notez", "notes", "rappele", "rappelee", "rappeles", "faite", "faites",
    "autres", "chose", "choses", "compter", "comptez", "attendre", "occuper", "occupez", "charger", "demain", "demains",
  ],
  rules: [
    // greet
    rule("greet", "^(?:(?:oui|alors|ok|allo|alo)\\s*,?\\s*)?(?:bonjours?|bonsoir|salut|allo|allo bonjour|coucou|bon matin|bienvenue|re bonjour|rebonjour|hello|bjr)\\b"),
    rule("greet", "\\b(?:bonjour|bonsoir|bon matin|bienvenue (?:a|au|chez|dans))\\b"),
    rule("greet", "\\bmerci (?:de|pour) (?:votre appel|avoir appele|appeler)(?! (?:[,.!] )?(?:et )?(?:au revoir|bonne|a bientot|bye|passez|a la prochaine|au plaisir))\\b"),
    rule("greet", "\\bcomment (?:allez vous|vas tu|ca va)\\b|\\bca va bien \\?"),
    // introduce
    rule("introduce", "\\b(?:je me nomme|je me appelle|mon nom est|mon nom c'est|moi c'est|c'est \\S+ (?:a l' appareil|qui vous parle|au telephone)|vous etes (?:bien )?(?:a|au|chez|en communication avec)|vous parlez (?:a|avec)|\\S+ a l' appareil|\\S+ a votre service|\\S+ pour vous servir|vous etes en ligne avec)\\b"),
    rule("introduce", "(?:^|, )ici (?!(?:que|qu|on|il|elle|vous|nous|je|tu|meme|la|le|les|pour|et|a|en)(?!\\w))[a-z]+(?: ,| [.!]|$)"),
    rule("introduce", "(?:^|, )(?:le |la )?service (?:de |a la |au )?(?:facturation|clientele|client|technique|comptabilite|des paiements|reception)\\s*(?:,|[.!]|$)"),
    rule("introduce", "\\bje suis (?:la |le )?(?:receptionniste|responsable|gerant|gerante|patron|patronne|secretaire|conseill\\w+|agente?|du service|de la (?:clinique|facturation|reception)|a l' accueil|de l' accueil)\\b"),
    // acknowledge_feeling
    rule("acknowledge_feeling", `(?<!si )\\bje (?:vous |te )?(?:comprends|comprend|imagine|devine|concois|sens|entends|vois|sais)(?: bien| tout a fait| parfaitement| tres bien| totalement| vraiment| completement)?${W} (?:que|combien|comme|a quel point|votre|ta|ton|vos|ca|c'est|vous|tu)(?:\\s+\\S+){0,5} ${FEELING}`),
    rule("acknowledge_feeling", `\\b(?:c'est|ca (?:doit|peut|a du) etre|ce doit etre|ca a du etre|ca devait etre|ca a ete|c'etait|ca reste|ca doit etre|cela doit etre|ca a l' air|ca semble|ce (?:doit|peut) etre|vous devez etre|tu dois etre|vous devez vous sentir|vous avez du etre|vous etes sans doute|vous avez l' air|je serais|moi aussi je serais|n' importe qui serait|on serait|je serais aussi|tout le monde serait|j'aurais ete)(?: vraiment| tellement| tres| super| assez| bien| franchement| tout a fait| si| drolement| hyper| un peu| vraiment tres| particulierement| donc| sans doute| surement)* (?:tres |vraiment )?${FEELING}`, { neg: true }),
    rule("acknowledge_feeling", "(?<!si )\\bje (?:vous |te )?(?:comprends|comprend)(?: bien| tout a fait| parfaitement| tres bien| totalement| vraiment| completement)?(?: madame| monsieur)?\\s*(?:[.,!;]|$)"),
    rule("acknowledge_feeling", `\\b(?:ca|cela) (?:a du|doit|a dû) vous (?:faire|mettre|rendre)(?: \\S+){0,2} ${FEELING}`),
    rule("acknowledge_feeling", "\\b(?:je comprends votre (?:frustration|inquietude|colere|deception|situation|agacement|reaction|point)|je comprends (?:que vous soyez|que tu sois|ce que vous ressentez|ce que tu ressens|tout a fait|parfaitement|bien votre)|votre (?:frustration|inquietude|colere|reaction|deception) est (?:tout a fait |bien |parfaitement )?(?:normale|comprehensible|legitime|justifiee)|c'est (?:tout a fait |bien |parfaitement )?(?:normal|comprehensible|legitime) (?:que vous soyez|de etre|que vous|que tu)|je imagine (?:bien|tres bien|sans peine)|je peux (?:bien |tres bien |facilement )?imaginer|je vous entends|je te entends|desole\\w* de (?:apprendre|entendre)|navre\\w* de (?:apprendre|entendre)|quelle (?:galere|plaie|journee)|oh non|ah non|c'est pas le fun|c'est pas drole|pas evident|je me mets a votre place|je me mets a ta place|a votre place)\\b"),
    // apologize
    rule("apologize", "\\b(?:desole\\w*|navre\\w*|toutes mes excuses|mes excuses|nos excuses|je (?:vous |te )?(?:prie de )?(?:m'|me )?excuse|je vous presente (?:mes|nos) excuses|nous nous excusons|on se excuse|on vous demande pardon|pardon pour|excusez (?:nous|moi) (?:pour|de|du)|excusez (?:le|la|les|l' ?) ?(?:delai|retard|attente|bruit|derangement|confusion|malentendu)|excuse (?:nous|moi) (?:pour|de|du)|je regrette|nous regrettons|on regrette|veuillez (?:nous |m')?excuser|je suis confuse?|mille excuses|excusez nous|toutes nos excuses|sincerement desole)\\b", { neg: true }),
    // reassure
    rule("reassure", "\\b(?:ne vous excusez pas|ne te excuse pas|pas besoin de vous excuser|vous excusez pas|soyez rassuree?s?)\\b"),
    rule("reassure", "\\b(?:ne (?:vous |te )?(?:inquietez|inquiete|en faites|en fais) pas|(?:vous |te )?inquietez (?:vous|pas)|inquiete toi pas|inquiete pas|te inquiete pas|te inquiete|vous inquietez pas|vous en faites pas|en faites vous pas|en fais toi pas|pas de (?:panique|stress|souci a (?:vous )?faire)|aucune inquietude|aucun souci|rassurez vous|soyez rassuree?s?|je vous rassure|je te rassure|ca va (?:bien )?(?:aller|se regler|s'arranger|s' arranger|se arranger)|on va (?:trouver|regler|arranger|tout regler|la retrouver|le retrouver|vous aider|y arriver|s'en sortir)|nous allons (?:trouver|regler|arranger)|on va trouver une solution|vous etes entre de bonnes mains|tu es entre de bonnes mains|vous n' etes pas (?:le seul|la seule|le premier|la premiere)|vous etes pas (?:le seul|la seule|le premier|la premiere)|ca arrive (?:souvent|tout le temps|a tout le monde|plus souvent)|ca arrive|c'est (?:tres )?(?:courant|frequent)|bonne nouvelle|rien de grave|pas de trouble|c'est pas grave|ce n' est pas grave|c'est correct|ca se regle|ca se arrange|rien n' est perdu|vous ne perdrez|vous ne serez pas (?:penalisee?|facturee?)|vous serez pas (?:penalisee?|facturee?)|pas de penalite|tout est (?:beau|correct|regle|en ordre|beau maintenant)|c'est regle|vous etes en regle|votre (?:compte|service|rendez vous|argent) (?:est|reste) (?:en securite|actif|garde)|tout va (?:bien )?(?:se passer|rentrer dans l' ordre|s'arranger|se arranger|bien aller)|on va (?:tout )?arranger ca|je suis sure? que on va)\\b"),
    // paraphrase
    rule("paraphrase", "\\b(?:si je comprends bien|si je ai bien compris|si je comprends correctement|si je vous suis|si je te suis|si je resume|pour resumer|en resume|donc si je resume|pour etre sure? (?:de avoir|que je ai) bien compris|je resume|pour recapituler|autrement dit|en (?:d' autres|gros)|ce que je comprends(?: c'est)?|ce que vous me dites(?: c'est)?|vous me dites que|tu me dis que|si je entends bien|laissez moi (?:resumer|reformuler)|je reformule|je veux (?:juste )?(?:etre sure?|verifier|confirmer) que je ai bien compris|pour etre (?:bien )?(?:sure?|certaine?|clair) (?:,|:)|donc vous me dites|c'est bien ca \\?|c'est ca \\?|c'est exact \\?|je ai bien compris \\?|est ce bien ca|est ce que je ai bien compris)\\b"),
    rule("paraphrase", "^(?:(?:ok|bon|d'accord|tres bien|parfait|madame \\S+|monsieur \\S+|mme \\S+|madame|monsieur) , )*(?:ok\\s*,?\\s*|bon\\s*,?\\s*|d'accord\\s*,?\\s*|tres bien\\s*,?\\s*)?(?:donc|alors)\\s*,?\\s+(?:vous|votre|tu|ton|ta|votre fille|votre fils|la demoiselle|elle|il)\\b(?:\\s+\\S+){2,}.*\\?\\s*$", { questionOnly: true }),
    rule("paraphrase", "^(?:(?:ok|bon|d'accord|tres bien|madame \\S+|monsieur \\S+) , )*donc (?:, )?(?:vous|votre|tu|ton|ta|ca fait|elle|il|le|la|les|personne|on vous)\\b(?: \\S+){2,}"),
    rule("paraphrase", "\\b(?:c'est bien ca|c'est ca|c'est exact|je ai bien compris|est ce bien ca|non) \\?", { questionOnly: true }),
    // take_ownership
    rule("take_ownership", "\\b(?:je (?:vais |vas )?me (?:en )?occupe(?:r)?|je me occupe|je me en occupe|je vais me en occuper|je vas me en occuper|je me (?:en )?charge|je (?:vais )?prend(?:s|re) (?:ca|cela|votre dossier|votre demande|le dossier|ca personnellement|en charge)|je prends en charge|je vais (?:personnellement )?(?:regler|suivre|traiter|gerer|arranger|faire le necessaire|faire le suivi|voir a ca|me assurer)|je vas (?:regler|suivre|gerer|arranger|voir a ca|faire le suivi)|laissez moi (?:me en occuper|faire|gerer)|laisse moi (?:me en occuper|faire|gerer)|comptez sur moi|compte sur moi|je me engage|je en fais mon affaire|je en fais une affaire personnelle|personnellement|je vous le garantis|je vais y voir|je vais veiller|je veille a|c'est (?:notre|mon) erreur|c'est (?:notre|ma) faute|on a fait une erreur|nous avons fait une erreur|je assume|on assume|c'est de notre faute|c'est (?:moi|nous) qui|je vais me assurer|je vas me assurer|je me assure|erreur de notre part|notre erreur|moi meme|je (?:vous |te )?(?:arrange|regle) (?:ca|cela|tout)|je (?:vais )?(?:faire|fais) le suivi)\\b", { neg: true }),
    // check_with_colleague
    rule("check_with_colleague", `\\b(?:demander|demande|demandons|verifier|verifie|checker|check|voir|vois|me renseigner|me informe|me informer|poser la question|valider|confirmer|consulter|consulte|parler|parle|(?:en )?(?:glisser|toucher|dire) un mot|appeler|appelle|texter|ecrire|questionner|interroger|aller voir)(?: ca| cela| la question| rapidement| tout de suite| aussi| juste| vite)? (?:a|avec|aupres de|aupres du|aupres des|au|aux|le|la|les|mon|ma|mes|notre|nos)(?: \\S+){0,2}? (?:l' |le |la |les |mon |ma |mes |notre |nos |un |une )?${STAFF}\\b`, { neg: true }),
    rule("check_with_colleague", "\\b(?:je vais|je vas|laissez moi|laisse moi|je peux|on va) (?:aller )?(?:demander|voir avec|verifier aupres|me renseigner|poser la question)\\b|\\bje me renseigne\\b|\\bje demande (?:a|au|aux|autour)\\b|\\bje vais faire le tour\\b", { neg: true }),
    // explain
    rule("explain", "\\b(?:automatiquement|se (?:ajoute|ajoutent|applique|appliquent) |arrive (?:souvent |tout le temps |parfois )?quand|c'est (?:elle|lui|eux|elles) qui (?:se occupe|gere|traite|decide|fait)|(?:le|la|votre|ton) (?:paiement|prelevement|virement|remboursement) (?:est (?:bien )?passe|a (?:bien )?ete (?:recu|traite|effectue|accepte))|c'est (?:le|la|l' ?|notre) \\S+ qui (?:gere|se occupe|traite|decide)|(?:se fait|se font|se deroule) en|(?:est|sont|etait|etaient) en retard|a (?:\\S+ ){0,3}de retard|a du retard|generalement)\\b", { statementOnly: true }),
    rule("explain", "\\b(?:parce que|car|c'est (?:du|dû) a|c'est a cause|a cause de|en raison de|la raison (?:est|c'est|pour laquelle)|ce qui se est passe (?:, )?(?:c'est|est)|ce qui est arrive|ce qui explique|c'est pour ca que|c'est pourquoi|voila pourquoi|en fait|il semble que|il semblerait|il parait que|il se avere|on dirait que|normalement|habituellement|d' habitude|en general|le systeme|notre politique|la procedure|le fonctionnement|ca fonctionne|ca marche comme|je vois (?:que|ici|dans|sur)|je constate|selon (?:notre|le|nos)|de notre cote|puisque|etant donne|vu que|ca veut dire|cela signifie|ca signifie|ce qui veut dire|on garde (?:les|tout)|nous gardons|on conserve|nous conservons|la banque)\\b", { statementOnly: true }),
    rule("explain", "\\b(?:votre|le|la|ta|ton) (?:paiement|carte|carte de credit|carte bancaire|facture|prelevement|prelevement automatique|paiement automatique|compte|rendez vous|transaction|banque|casquette|reservation|traitement|soin|devis|estimation|assurance) (?:a ete|etait|avait|n' a pas|ne a pas|ne est pas|ne etait pas|a expire|a echoue|a ete refuse|est expiree?|coute|comprend|est (?:plus|moins|en retard|due?|expiree?|refusee?|suspendue?))\\b", { statementOnly: true }),
    // offer_solution
    rule("offer_solution", `\\b${JE_VAIS} ${V}(?:le |la |les |l' |en |vous le |vous la |vous les |lui )?(?:proposer|offrir|envoyer|rembourser|crediter|annuler|reactiver|retablir|rebrancher|reconnecter|relancer|reprendre|repasser|refaire|mettre(?! en attente| en relation| en contact)|ajouter|fixer|reserver|booker|programmer|planifier|deplacer|decaler|reporter|changer|modifier|corriger|ajuster|appliquer|accorder|faire (?:un|une|le|la|un geste|une exception)|trouver (?:un creneau|une place|une plage|un rendez vous)|rendre|garder|mettre de cote|retenir|inscrire|enregistrer|effacer|supprimer|retirer|geler|etaler|echelonner|faire parvenir|preparer|installer|rappeler le paiement|passer le paiement|caser|voir pour|avancer|prendre (?:le|votre) paiement|retirer)\\b`, { neg: true, notAfter: NOT_AN_OFFER }),
    rule("offer_solution", "\\b(?:je peux|on peut|nous pouvons) (?:vous |te )?regler (?:ca|cela|le probleme|ce probleme)|\\bje (?:vous |te )?(?:retablis|rembourse|annule|reactive|credite|ajoute|reserve|rebranche|reconnecte|enleve|retire)\\b|\\bsans (?:frais|aucun frais|supplement)|\\bgratuitement\\b", { neg: true, notAfter: NOT_AN_OFFER }),
    rule("offer_solution", "\\b(?:tu pourrais|vous pourriez|vous pouvez|tu peux) (?:aussi |toujours )?(?:payer|passer|venir|utiliser|essayer)\\b", { neg: true, unless: ["share_tip"] }),
    rule("offer_solution", "\\b(?:je vous propose|je te propose|nous vous proposons|on vous propose|je vous offre|je te offre|on vous offre|voulez vous que (?:je|on|nous)|veux tu que (?:je|on)|vous voulez que (?:je|on)|tu veux que (?:je|on)|aimeriez vous que|souhaitez vous que (?:je|on)|que diriez vous|une solution (?:serait|c'est|est)|la solution (?:serait|c'est|est)|(?<!est )ce que je peux faire|(?<!est )ce que on peut faire|ce que je peux vous proposer|il y a moyen|on a une place|on a un creneau|je ai une place|je ai un creneau|je ai une disponibilite|nous avons une disponibilite|il me reste|vous pouvez (?:la recuperer|le recuperer)|je (?:vous )?ai (?:rembourse|credite|annule|reactive|retabli|reserve|ajoute|deplace|mis|applique|corrige|refait|relance|retire|enleve|supprime|offert|baisse)|on (?:vous )?a (?:rembourse|credite|annule|reactive|retabli|reserve|ajoute|deplace|retrouve|retire)|nous (?:vous )?avons (?:rembourse|credite|annule|reactive|retabli|reserve|retrouve)|je (?:la |le )?ai retrouvee?|on (?:la |le )?a retrouvee?|nous (?:la |le )?avons retrouvee?|la voici|le voici|la voila|le voila)\\b", { neg: true, notAfter: NOT_AN_OFFER }),
    // set_expectation
    rule("set_expectation", `\\b(?:${NUM}) (?:a|ou) ${NUM} ${UNIT}\\b|\\b(?:sur|en) (?:environ|a peu pres) ${NUM} ${UNIT}\\b`, { statementOnly: true }),
    rule("set_expectation", `\\b(?:de ici|d' ici|avant|au plus tard|jusque a|jusqu a|des|a partir de) (?:la fin de )?${DAYS}\\b`, { statementOnly: true }),
    rule("set_expectation", `\\b(?:dans|sous|de ici|au plus tard dans|moins de|environ|a peu pres)(?: les| environ| a peu pres| moins de| un maximum de| maximum)? ${NUM} ?${UNIT}\\b|\\bsous (?:24|48|72) ?h\\b|\\b(?:24|48|72) ?(?:h|heures)\\b`, { statementOnly: true }),
    rule("set_expectation", `\\b(?:demain|ce soir|cet apres midi|dans la journee|dans la soiree|dans la matinee|en fin de journee|en fin de semaine|la semaine prochaine|lundi|mardi|mercredi|jeudi|vendredi|des que|aussitot que|sitot que|une fois que|tout de suite apres|dans les plus brefs delais|dans (?:une|l' ?) ?heure|dans la prochaine heure|dans les prochains jours|dans les prochaines heures|aujourdhui|a \\d{1,2} ?h(?: ?\\d\\d)?)(?!\\w)`, { statementOnly: true, needsFuture: true, neg: true }),
    rule("set_expectation", "\\b(?:demain|a la premiere heure|des la premiere heure)\\b", { statementOnly: true, neg: true }),
    rule("set_expectation", "\\b(?:dans (?:une|l' ?) ?heure|dans la prochaine heure|dans les prochains jours|dans les prochaines heures|aujourdhui meme|dans la journee)\\b", { statementOnly: true }),
    rule("set_expectation", "\\b(?:ca (?:va|devrait|peut) prendre|cela (?:va|devrait|peut) prendre|ca prend (?:environ|a peu pres|generalement|normalement|en general)|il faut compter|comptez (?:environ|a peu pres|\\d)|vous (?:allez|devriez|allez pouvoir|pourrez) (?:recevoir|voir|pouvoir)|vous recevrez|tu vas recevoir|tu recevras|la prochaine etape)\\b", { statementOnly: true, neg: true }),
    // take_contact
    rule("take_contact", "\\b(?:(?:puis je|pourrais je|est ce que je peux|est ce que je pourrais|je peux|je pourrais|je vais|je vas|laissez moi|je dois|il me faudrait|il me faut|je aurais besoin de|pouvez vous me donner|pourriez vous me donner|vous pouvez me donner|pouvez vous me laisser|pourriez vous me laisser|vous pouvez me laisser|tu peux me donner|tu peux me laisser|me donnez vous|donnez moi|laissez moi|laissez nous|vous me laissez|je vous demanderais)\\s+(?:avoir |prendre |noter |vous demander |te demander |prendre en note |obtenir )?(?:en note )?(?:votre|ton|vos|tes|un|le|les)(?: meilleur)? (?:numero|nom|courriel|e mail|email|mail|adresse|coordonnees|telephone|cellulaire|cell|portable|nom de famille|contact))\\b"),
    rule("take_contact", "\\b(?:donn\\w*|laiss\\w*|not\\w*|prend\\w*|avoir|epeler|obtenir|confirmer)(?: moi| nous)? (?:votre|ton|vos|tes)(?: meilleur)? (?:numero|nom|courriel|e mail|email|adresse|coordonnees|telephone|cellulaire|cell|portable)\\b|\\b(?:votre|ton) (?:nom|numero|courriel|nom de famille|prenom|adresse)(?: de (?:famille|telephone))? (?:, )?svp\\b|\\bnumero (?:ou|pour) vous (?:joindre|rejoindre|rappeler|contacter)\\b"),
    rule("take_contact", "\\b(?:quel est votre (?:numero|nom|courriel|adresse|telephone)|quel est ton (?:numero|nom|courriel)|c'est quoi (?:votre|ton) (?:numero|nom|courriel|adresse)|a quel numero|un numero (?:ou|pour) vous (?:joindre|rappeler|contacter)|ou (?:peut on|je peux|on peut|puis je) vous (?:joindre|rejoindre|contacter)|comment (?:on peut|je peux|puis je|peut on) vous (?:joindre|rejoindre|contacter)|je note (?:votre|vos|ton)|je prends (?:votre|vos|ton) (?:numero|nom|coordonnees|courriel)|vos coordonnees|votre numero de (?:telephone|cellulaire|cell)|a qui ai je (?:l' honneur|le plaisir)|c'est de la part de qui|de la part de qui|qui est a l' appareil|votre nom svp|votre numero svp|vous me laissez (?:votre|un) numero)\\b"),
    // promise_callback
    rule("promise_callback", "\\b(?:je|on|nous|il|elle|quelqu' un|quelque un|le technicien|la technicienne|le responsable|le dentiste|le patron|le gerant|la gerante|notre equipe) (?:vais |vas |va |allons |peux |vais vous |vous |te |va vous |allons vous |vas vous |peut vous |vous le )?(?:vous |te )?(?:rappeler|rappelle|rappellerai|rappellera|rappellerons|recontacter|recontacte|recontacterai|recontactera|contacter|contacterai|contactera|appeler|appelle|appellerai|appellera|ecrire|ecrirai|tenir au courant|tiens au courant|tiendrai au courant|tiendra au courant|tenir informee?|tiens informee?|redonner des nouvelles|redonne des nouvelles|donner des nouvelles|donne des nouvelles|envoyer un (?:courriel|texto|message|sms|mail)|envoie un (?:courriel|texto|message|sms|mail)|texte|texter|texterai|textera|faire signe|fais signe|revenir vers vous|reviens vers vous|reviendrai vers vous|reviens a vous|revenir a vous|redonner un coup de fil|passer un coup de fil|faire un suivi|laisser savoir|laisse savoir|avertir|avertis|previens|prevenir|previendrai|informer|informe)(?! que)\\b", { neg: true }),
    rule("promise_callback", "\\b(?:je vous rappelle|je te rappelle|on vous rappelle|on te rappelle|nous vous rappellerons|je vous recontacte|je reviens vers vous|je vous tiens au courant|je te tiens au courant|on vous tient au courant|vous aurez de nos nouvelles|vous aurez des nouvelles|je vous donne des nouvelles|je vous redonne des nouvelles|je vous fais signe|je te fais signe|on vous fait signe|vous laisser savoir|je vous laisse savoir|on vous appelle|on vous contacte|on vous recontacte)(?! que\\b| de\\b)(?!\\w)", { neg: true }),
    rule("promise_callback", "\\b(?:je|on|nous) (?:vais |va |allons )?(?:vous|te) (?:envoie|envoies|envoyons|envoyer|enverrai|enverra|enverrons|fais parvenir|ferai parvenir|faire parvenir|transmets|transmettrai) (?:le|la|les|un|une|votre|l' ?) ?(?:devis|estimation|soumission|confirmation|courriel|facture|details|infos?|information|lien|resume|formulaire)\\b", { neg: true, notAfter: NOT_AN_OFFER }),
    // share_tip
    rule("share_tip", "\\b(?:a savoir|bon a savoir|petit conseil|un conseil|mon conseil|petite astuce|une astuce|astuce|pour info|pour information|pour votre info|pour ton info|petite info|pour votre information|a titre (?:indicatif|informatif|de information)|pour la prochaine fois|la prochaine fois|a l' avenir|dorenavant|desormais|sachez que|je vous conseille|je te conseille|je vous recommande|je te recommande|je vous suggere|je vous invite a|pensez a|pense a|n' oubliez pas de|oubliez pas de|ne oubliez pas|au fait|saviez vous|vous savez que|tu sais que|petit truc|un truc|le truc c'est|ce serait bien de|il vaut mieux|mieux vaut|ca vaut la peine|ca vaut le coup|ce qui est pratique|pour eviter (?:que|ca|cela|ce genre)|beaucoup de (?:clients|patients|gens|personnes) (?:font|choisissent|utilisent|preferent|trouvent)|vous pouvez aussi|vous pourriez aussi|tu peux aussi|vous pouvez activer|vous pouvez vous inscrire|vous pouvez configurer|d' ailleurs)\\b"),
    // offer_more
    rule("offer_more", "\\b(?:autre chose|quelque chose de? autre|quelque chose d' autre|d' autres questions|une autre question|autres questions|besoin de? autre chose|je peux vous aider (?:avec|pour|en) autre|je peux (?:faire|vous aider) (?:autre chose|encore)|que (?:est ce que )?je peux faire (?:de plus|d' autre|encore)|ce serait tout|ce sera tout|c'est tout pour vous|est ce tout|est ce que c'est tout|ca sera tout|ca serait tout|est ce que je peux faire (?:plus|autre|quelque))\\b", { neg: true }),
    // close_warmly
    rule("close_warmly", "\\b(?:bonne (?:journee|soiree|fin de journee|fin de soiree|apres midi|fin de semaine|semaine|continuation|nuit|fete|chance|route|visite|sortie|fin de apres midi|anniversaire|soirée)|passez une (?:bonne|belle|excellente|agreable)|passe une (?:bonne|belle)|belle (?:journee|soiree|fin de semaine)|excellente (?:journee|soiree)|au revoir|a bientot|a la prochaine|a tantot|a plus tard|a demain|a lundi|a mardi|a mercredi|a jeudi|a vendredi|au plaisir|bye|bye bye|bon appetit|prenez soin de vous|prends soin de toi|merci (?:beaucoup |bien |infiniment |encore )?(?:de|pour) (?:votre|ton|ta) (?:appel|patience|comprehension|confiance|visite|gentillesse)|merci (?:beaucoup |bien |encore )?(?:de|pour) (?:avoir appele|nous avoir appele|etre passe|etre passee|etre venue?|votre fidelite|nous avoir contacte|votre temps)|merci (?:de|pour) nous avoir choisi|ca me fait plaisir|ca ma fait plaisir|ca va me faire plaisir|avec plaisir|tout le plaisir est pour moi|c'est un plaisir|ce fut un plaisir|ca a ete un plaisir|c'etait un plaisir|de rien|je vous en prie|il n' y a pas de quoi|il y a pas de quoi|pas de quoi|on vous attend|au plaisir de vous revoir|on a hate de vous voir|profitez bien)\\b"),
    // Québec: "Bienvenue !" answers a thank-you (but "Bonsoir, bienvenue !" greets).
    rule("close_warmly", "^(?!.*\\b(?:bonjour|bonsoir|salut|allo|bon matin)\\b).*\\bbienvenue\\s*(?:[.!]|$)"),
    // hold_request
    rule("hold_request", "(?<!(?:prend|prendre|prends|dans|en|pendant|que|juste|ca prend) )\\b(?:un (?:petit )?instant|un (?:petit )?moment|une (?:petite )?seconde|deux (?:petites )?secondes|une (?:petite )?minute|deux minutes)\\b(?! (?:de|pour|a|et je vous))", { neg: true }),
    rule("hold_request", "\\b(?:patientez|patiente|veuillez patienter|pouvez vous patienter|pourriez vous patienter|si vous voulez bien patienter|je vous demande de patienter|merci de patienter|ne quittez pas|quittez pas|restez en ligne|reste en ligne|gardez la ligne|garde la ligne|je vous mets en attente|je te mets en attente|je vous (?:mets|place) (?:en attente|sur attente)|je vous mets sur hold|vous mettre en attente|mettre en attente|attendez (?:un|une|deux)|attends (?:un|une|deux)|bougez pas|bouge pas|ne bougez pas|je reviens (?:tout de suite|dans un instant|dans deux minutes|dans une minute)|je reviens avec vous|laissez moi (?:un instant|une seconde|deux secondes|regarder)|je regarde (?:ca )?(?:tout de suite|un instant))\\b", { neg: true }),
    // transfer
    rule("transfer", "\\b(?:(?:vous|te) transferer|(?:vous|te) transfere|transfere votre appel|transferer votre appel|transfert de appel|je vous passe (?:le|la|l'|mon|ma|un|une|quelqu|notre|au|les)|je te passe (?:le|la|l'|mon|ma|un|une|quelqu)|(?:vous|te) passer (?:le|la|l'|mon|ma|un|une|quelqu|notre|au)|(?:vous|te) mettre en (?:relation|contact|ligne|communication) avec|(?:vous|te) mets en (?:relation|contact|ligne|communication) avec|(?:vous|te) rediriger|(?:vous|te) redirige|(?:vous|te) reacheminer|(?:vous|te) (?:connecter|connecte) (?:avec|a)|(?:vous|te) (?:envoyer|envoie|orienter|oriente) (?:vers|au|a) (?:le|la|l'|un|une|notre)? ?(?:service|departement|equipe|collegue|responsable|superviseur|facturation|comptabilite))\\b", { neg: true }),
    rule("transfer", "\\b(?:il (?:faut|faudrait|faudra)|vous devez|vous devriez|vous allez devoir|tu dois|tu devrais) (?:appeler|contacter|joindre|voir avec|rappeler|ecrire a|telephoner a) (?:directement )?(?:le|la|l'|les|un|une|notre|votre) ?(?:service|departement|equipe|banque|siege|bureau|numero)\\b|\\bc'est (?:un autre|pas le bon|le) (?:service|departement)\\b", { neg: true }),
    // dismiss
    rule("dismiss", "\\b(?:(?:c'est|ce est|ce ne est|ca ne est|c'etait) (?:pas )?(?:mon|notre) (?:probleme|affaire|travail|job|ressort|role|domaine|departement|service)|ce ne est pas (?:mon|notre|de mon|de notre) (?:probleme|ressort|travail|job|role)|pas (?:mon|notre) probleme|pas de mon ressort|pas de notre ressort|ca (?:ne )?me regarde pas|ca (?:ne )?nous regarde pas|je (?:ne )?(?:peux|pourrai|pourrais) rien (?:faire|y faire|pour vous|pour toi)|on (?:ne )?(?:peut|pourra) rien (?:faire|y faire|pour vous)|nous ne pouvons rien|il (?:ne )?(?:y a|a) rien a faire|il (?:ne )?y a rien que (?:je|on) (?:puisse|peut) faire|rien a faire|je (?:ne )?sais pas quoi vous dire|je (?:ne )?sais pas quoi te dire|c'est (?:comme ca|la politique|la regle|le reglement)|les regles sont les regles|debrouillez vous|debrouille toi|rappelez plus tard|rappelez (?:une|dans une) autre fois|rappeler plus tard|ce ne est pas (?:notre|de notre) (?:faute|responsabilite)|pas (?:notre|de notre) (?:faute|responsabilite)|on (?:ne )?est pas responsables?|nous ne sommes pas responsables|nous (?:ne )?sommes pas responsables|aucune idee|je (?:ne )?en sais rien|je (?:ne )?peux pas vous aider|je peux pas vous aider|on ne peut pas vous aider|on peut pas vous aider|tant pis|vous (?:devrez|allez devoir) (?:faire avec|attendre)|il faudra faire avec|ca ne est pas possible , point|non c'est non|on (?:ne )?se occupe pas de (?:ca|cela)|on (?:ne )?(?:fait|gere|traite) pas (?:ca|cela)(?: ici)?)\\b"),
    rule("dismiss", "\\b(?:(?:on|nous|je) (?:ne )?(?:a|avons|ai|n' a|n' avons) rien trouve|(?:on|nous|je) (?:ne )?(?:a|avons|ai) rien vu|(?:on|nous|je) (?:ne )?(?:l'|la|le) (?:a|avons|ai) pas (?:trouvee?|vue?)|(?:on|nous|je) (?:ne )?(?:l'|la|le) ai pas|rien (?:n' )?(?:a ete|ne a ete) (?:trouve|rapporte|remis)|personne (?:ne )?(?:a|nous a) rien (?:rapporte|remis|trouve)|il (?:ne )?y a rien (?:ici|de ce genre)|on (?:ne )?a pas (?:ca|de casquette|rien)|nous (?:ne )?avons pas (?:ca|de casquette))\\b", { weak: true }),
    rule("dismiss", "^(?:non|nan|ben non|bah non)\\s*[,.!]?\\s*(?:on|nous|je|il y a|rien|personne)\\b", { weak: true }),
    // blame_customer
    rule("blame_customer", "\\b(?:(?:vous etes|tu es|etes vous|es tu|vous etiez) (?:bien |vraiment |absolument |certaine? |sure?s? )*(?:sure?s?|certaine?s?) (?:que|de|qu)|(?:vous|tu) (?:avez|as) (?:du|dû|surement|sans doute|probablement|peut etre) (?:la |le |les |l' |vous |te )?(?:oublier|oublie|perdre|perdu|mal|laisser|laisse|vous tromper|te tromper|tromper|trompe|confondre|confondu|entrer|entre|taper|tape|mettre|mis)|c'est (?:de )?(?:votre|ta|ton) (?:faute|erreur|probleme|responsabilite)|de votre faute|c'est votre faute|(?:vous|tu) (?:ne )?(?:auriez|aurais) (?:pas |jamais )?(?:du|dû|pu)|vous deviez|tu devais|il fallait|fallait (?:que vous|le|la|faire|verifier|payer|lire|y penser|mettre)|si vous aviez|si tu avais|(?:elle|il|vous|tu) (?:le |la |l' )?(?:a|avez|as) (?:surement|probablement|sans doute|du|peut etre) (?:\\S+ )?(?:perdue?|oubliee?|laissee?|egaree?)|ailleurs|(?:vous|tu) (?:ne )?(?:avez|as) (?:pas|jamais) (?:paye|lu|verifie|mis a jour|regarde|fait attention|suivi)|(?:vous|tu) (?:vous )?(?:etes|es) trompee?s?|(?:vous|tu) (?:avez|as) (?:mal|pas bien) (?:compris|lu|note|entre|tape|regarde)|c'est (?:la|de la) faute de (?:votre|ta)|votre fille (?:a|l' a) (?:du|surement|probablement|sans doute) (?:la |le )?(?:perdre|perdu|oublier|oublie|laisser|laisse)|les (?:enfants|jeunes|ados) (?:perdent|oublient) (?:tout|toujours)|elle (?:a|l' a) (?:du|surement|probablement|sans doute) (?:la |le )?(?:perdre|perdu|oublier|oublie|laisser ailleurs|laisse ailleurs)|ailleurs (?:non|peut etre) \\?|(?:vous|tu) (?:etes|es) certaine? \\?|vous etes sure \\?|tu es sure \\?)\\b"),
    rule("blame_customer", "\\b(?:ce est|c'est) (?:surement|probablement|peut etre|sans doute) (?:de )?(?:votre|ta) (?:faute|erreur)\\b|\\b(?:l' |la |le )?avez vous (?:vraiment|bien) (?:oubliee?|perdue?|laissee?) ici\\b|\\bbien oubliee? ici\\b"),
    // rude
    rule("blame_customer", "\\bau moins \\?", { unless: ["rude"] }),
    rule("rude", "\\b(?:vous (?:me )?ecoutez|tu (?:me )?ecoutes)(?: (?:, )?au moins)? \\?|\\b(?:franchement \\?|pas si grave|pas la mer a boire|^franchement , (?:c'est|ce est|ce ne est) (?:pas|rien|juste)|vous etes serieu\\w* (?:la )?\\?|tu es serieu\\w* (?:la )?\\?)|^(?:ecoutez|ecoute) , (?:c'est pas|ce ne est pas|je (?:ne )?peux|je ai pas|on (?:ne )?peut|je (?:ne )?sais pas)\\b"),
    rule("rude", "\\b(?:vous (?:vous )?moquez de moi|tu te moques de moi|vous rigolez|tu rigoles|(?:c'est|ce est|ce ne est) pas la fin du monde|calmez vous|calme toi|calmez vous un peu|du calme|on se calme|relaxe|relaxez|arretez de (?:crier|vous plaindre|raler|chialer|pleurer|hurler)|arrete de (?:crier|te plaindre|raler|chialer|hurler)|vous etes pas serieu\\w*|tu es pas serieu\\w*|vous etes serieu\\w* (?:la|\\?)|tu es serieu\\w* (?:la|\\?)|vous ne etes pas serieu\\w*|c'est ridicule|ridicule|n' importe quoi|nimporte quoi|imbecile|idiot\\w*|debile|stupide|con|conne|cretin\\w*|abruti\\w*|ta gueule|fermez la|ferme la|la ferme|taisez vous|tais toi|je ai pas que ca a faire|je ai pas le temps|je ai autre chose a faire|franchement \\?|ben voyons|bah voyons|non mais|ca suffit|ca va faire|laissez moi finir|vous comprenez pas|tu comprends rien|vous comprenez rien|vous ne comprenez rien|vous savez pas lire|tu sais pas lire|je vous ai deja dit|je vous ai dit|je te ai dit|combien de fois|c'est pas complique|c'est pas sorcier|vous exagerez|tu exageres|vous en faites tout un plat|en faire tout un plat|ca va (?:pas )?vous tuer|c'est (?:qu'|que )une casquette|merde|putain|bordel|tabarnak\\w*|tabarnac\\w*|tabarouette|calisse|caliss\\w*|criss\\w*|ostie|hostie|esti|sacrament|maudit|chiant|faites pas votre|fais pas ta|madame je vous ai|ecoutez madame|ecoutez monsieur|ecoute moi bien|bon ben|pffff?|pfff|tsss|ouf)\\b"),
    // off_topic
    rule("off_topic", "\\b(?:la meteo|il fait (?:beau|chaud|froid|gris|un temps)|quel temps|sale temps|quelle pluie|cette pluie|la pluie|il pleut|il neige|canicule|chaleurs?|le match|le foot|le football|le soccer|le hockey|les canadiens|le canadien|le psg|l' om|la coupe du monde|les series|le rugby|le tennis|le tour de france|mes vacances|vos vacances|tes vacances|mon week end|ma fin de semaine|votre fin de semaine|votre week end|mon chat|mon chien|mes enfants|mon mari|ma femme|mon chum|ma blonde|mon copain|ma copine|mon diner|mon dejeuner|mon cafe|netflix|une serie|la serie|un film|le film|la tele|a la tele|les elections|en vacances|les impots|le trafic|les bouchons|le metro|la greve|les greves|au fait vous avez vu|vous avez vu (?:le|la|les)|tu as vu (?:le|la|les)|rien a voir mais|rien a voir ,|sans rapport|petite parenthese|entre nous)\\b"),
  ],
};
