/**
 * The starting points of a new scenario (issue 13): blank (every part present, nothing written) and
 * two complete, valid examples to adapt, one on the phone and one in person. Also what "drafting"
 * offers offline. A template is scenario-format input (scenarios/schema.ts ScenarioInput).
 */
import type { ScenarioInput } from "../../scenarios/schema";

export const TEMPLATES = ["blank", "phone", "in-person"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

const both = (en: string, fr: string) => ({ en, fr });

/** Every part of the format, empty: the form shows each section ready to be filled. */
function blank(slug: string): Record<string, unknown> {
  return {
    id: slug,
    title: both("", ""),
    channel: "in-person",
    difficulty: 1,
    estimatedMinutes: 5,
    setting: both("", ""),
    role: both("", ""),
    customer: { name: "", persona: both("", ""), patience: 60 },
    opening: { en: [""], fr: [""] },
    goal: both("", ""),
    resolvedWhen: [],
    topics: {},
    knows: [],
    facts: [],
    needs: [],
    reactions: {},
    lines: {},
    rubric: { empathy: [], resolution: [], anticipation: [] },
    passMark: 60,
  };
}

const PHONE_EXAMPLES = {
  en: [
    "Can I have your order number?",
    "What's the order number please?",
    "Could you read me the number on your confirmation email?",
    "do u have the order reference",
    "Let me look up your order, what's the reference?",
    "Which order is it, do you have the number?",
    "I'll need the order number to check.",
    "Could you give me your order ID?",
    "What's the reference on the receipt?",
    "Have you got the confirmation number handy?",
  ],
  fr: [
    "Vous pouvez me donner votre numéro de commande ?",
    "C'est quoi le numéro de commande, s'il vous plaît ?",
    "Vous avez la référence sur le mail de confirmation ?",
    "vous avez le numero de commande",
    "Je regarde votre commande, quelle est la référence ?",
    "Il me faut le numéro de commande pour vérifier.",
    "Vous pouvez me lire le numéro sur votre reçu ?",
    "Quel est votre identifiant de commande ?",
    "Vous avez la confirmation sous la main ?",
    "Donnez-moi la référence, je regarde tout de suite.",
  ],
};

const IN_PERSON_EXAMPLES = {
  en: [
    "Under which name is the booking?",
    "What name is the reservation under?",
    "Can I have your name please?",
    "whats the name on the booking",
    "Could you spell your surname for me?",
    "Let me find your reservation, what's your name?",
    "Who made the booking?",
    "May I see your ID or booking confirmation?",
    "Which name should I look for?",
    "Do you have your reservation number?",
  ],
  fr: [
    "La réservation est à quel nom ?",
    "C'est à quel nom, s'il vous plaît ?",
    "Vous pouvez me donner votre nom ?",
    "c a quel nom",
    "Vous pouvez m'épeler votre nom de famille ?",
    "Je cherche votre réservation, quel est votre nom ?",
    "Qui a fait la réservation ?",
    "Vous avez votre confirmation de réservation ?",
    "Je regarde à quel nom ?",
    "Vous avez un numéro de réservation ?",
  ],
};

function phone(slug: string): ScenarioInput {
  return {
    id: slug,
    title: both("The parcel that never came", "Le colis jamais arrivé"),
    channel: "phone",
    difficulty: 1,
    estimatedMinutes: 5,
    setting: both(
      "You answer the customer line of an online shop. It is Tuesday, 10 am.",
      "Vous répondez à la ligne clients d'une boutique en ligne. Mardi, 10 h.",
    ),
    role: both("You are the customer service agent on duty.", "Vous êtes le conseiller clientèle de permanence."),
    customer: {
      name: "Sam Martin",
      persona: both(
        "Sam ordered a birthday present that was due yesterday. Worried more than angry; answers what is asked, no more.",
        "Sam a commandé un cadeau d'anniversaire qui devait arriver hier. Plus inquiet que fâché ; répond à ce qu'on lui demande, sans plus.",
      ),
      patience: 55,
    },
    mood: { calmFrom: 60, annoyedFrom: 30, terseBelow: 25 },
    opening: {
      en: ["Hello, my parcel was supposed to arrive yesterday and it still isn't here. It's a birthday present."],
      fr: ["Bonjour, mon colis devait arriver hier et je n'ai toujours rien. C'est un cadeau d'anniversaire."],
    },
    goal: both(
      "Find the order, say where the parcel is, and say when it will arrive.",
      "Retrouver la commande, dire où est le colis et quand il arrivera.",
    ),
    resolvedWhen: { all: ["fact:order-number"], any: ["set_expectation", "offer_solution"] },
    maxTurns: 10,
    topics: {
      "order-number": {
        description: both("Asks for the order number", "Demande le numéro de commande"),
        examples: PHONE_EXAMPLES,
      },
    },
    knows: [
      {
        id: "tracking-link",
        description: both("The parcel can be followed live with the tracking link in the confirmation email", "Le colis se suit en direct avec le lien de suivi du mail de confirmation"),
        examples: {
          en: [
            "You can follow the parcel live with the tracking link in your confirmation email.",
            "There's a tracking link in the email we sent you, it shows where the parcel is.",
            "Good to know: the confirmation email has a link to track the delivery.",
            "you can track it yourself with the link in the email",
            "The email you got has a tracking link, it updates every hour.",
            "If you click the tracking link in your confirmation, you'll see each step.",
            "You can check the delivery status any time from the link in the email.",
            "By the way, the tracking page shows the driver's time slot on the day.",
            "Just so you know, the link in your confirmation lets you follow it.",
            "The confirmation email has a button to follow your parcel.",
          ],
          fr: [
            "Vous pouvez suivre le colis en direct avec le lien de suivi du mail de confirmation.",
            "Il y a un lien de suivi dans le mail qu'on vous a envoyé, il montre où est le colis.",
            "Bon à savoir : le mail de confirmation contient un lien pour suivre la livraison.",
            "vous pouvez le suivre vous meme avec le lien du mail",
            "Le mail que vous avez reçu a un lien de suivi, il est mis à jour toutes les heures.",
            "En cliquant sur le lien de suivi de la confirmation, vous verrez chaque étape.",
            "Vous pouvez vérifier où en est la livraison à tout moment depuis le lien du mail.",
            "D'ailleurs, la page de suivi donne le créneau du livreur le jour même.",
            "Pour info, le lien de votre confirmation permet de le suivre.",
            "Le mail de confirmation a un bouton pour suivre votre colis.",
          ],
        },
      },
      {
        id: "free-express",
        description: both("A late parcel is sent again by express at no cost if it has not come by Thursday", "Un colis en retard est renvoyé en express sans frais s'il n'est pas arrivé jeudi"),
        examples: {
          en: [
            "If it hasn't arrived by Thursday, we send another one by express, free of charge.",
            "Should it still be missing on Thursday, we'll ship a replacement express at no cost.",
            "In case it doesn't come, a new one goes out by express and you pay nothing.",
            "we can resend it express for free if it's not there by thursday",
            "If the parcel is lost, the replacement is sent express at our expense.",
            "You won't pay anything extra: a late parcel is replaced by express delivery.",
            "Worst case, we send a second one by express so it's there before Saturday.",
            "Good to know: after two days late, the express resend is free.",
            "If it doesn't turn up, we'll dispatch a new present by express for free.",
            "A replacement by express delivery is free when we're late, so the birthday is safe.",
          ],
          fr: [
            "S'il n'est pas arrivé jeudi, on vous en renvoie un en express, gratuitement.",
            "S'il manque toujours jeudi, on expédie un remplacement en express sans frais.",
            "Au cas où il n'arrive pas, un nouveau part en express et vous ne payez rien.",
            "on peut le renvoyer en express gratuit s'il est pas la jeudi",
            "Si le colis est perdu, le remplacement part en express à nos frais.",
            "Vous ne paierez rien de plus : un colis en retard est remplacé en livraison express.",
            "Au pire, on en envoie un deuxième en express pour qu'il soit là avant samedi.",
            "Bon à savoir : après deux jours de retard, le renvoi en express est gratuit.",
            "S'il n'arrive pas, on vous expédie un nouveau cadeau en express, sans frais.",
            "Un remplacement en express est gratuit quand nous sommes en retard, l'anniversaire est sauvé.",
          ],
        },
      },
    ],
    facts: [
      {
        id: "order-number",
        unlockedBy: { any: ["topic:order-number"] },
        text: both("It's order 48213.", "C'est la commande 48213."),
      },
    ],
    needs: [
      {
        id: "arrives-when",
        description: both("When will it arrive?", "Quand arrivera-t-il ?"),
        voicedWhen: { after: ["fact:order-number"], latestTurn: 4 },
        metBy: { any: ["set_expectation", "offer_solution"] },
      },
    ],
    reactions: {},
    lines: {
      // What she says to an open question ("How can I help you?") or a line the scripted customer does not follow: why she calls.
      clarify: {
        en: ["I'm calling about my parcel: it was due yesterday and it still isn't here.", "It's about a birthday present I ordered: it should have arrived yesterday."],
        fr: ["J'appelle pour mon colis : il devait arriver hier et je n'ai toujours rien.", "C'est pour un cadeau d'anniversaire que j'ai commandé : il aurait dû arriver hier."],
      },
      "voice-need:arrives-when": {
        en: ["So when will I actually get it? The birthday is on Saturday."],
        fr: ["Alors je le reçois quand, finalement ? L'anniversaire, c'est samedi."],
      },
    },
    rubric: {
      empathy: [
        {
          // Replaces the default of the same id ("Acknowledged how the customer feels"), which would otherwise take the
          // credit first for the same words: here the feeling to meet is the worry about the present.
          id: "acknowledge-feeling",
          description: both("Acknowledged the worry about the present", "A reconnu l'inquiétude pour le cadeau"),
          when: { any: ["acknowledge_feeling", "apologize", "reassure"] },
          weight: 2,
          tip: both("Say you understand: a late present is stressful.", "Dites que vous comprenez : un cadeau en retard, c'est stressant."),
        },
      ],
      resolution: [
        {
          id: "found-the-order",
          description: both("Asked for the order number", "A demandé le numéro de commande"),
          when: ["topic:order-number"],
          tip: both("Ask for the order number first: everything else depends on it.", "Demandez d'abord le numéro de commande : tout en dépend."),
        },
      ],
      anticipation: [
        {
          id: "said-when",
          description: both("Said when it will arrive before being asked", "A dit quand il arrivera avant qu'on le demande"),
          when: ["need:arrives-when"],
          before: "before-need:arrives-when",
          tip: both("Tell the caller when the parcel will arrive before they ask.", "Dites quand le colis arrivera avant qu'on vous le demande."),
        },
      ],
    },
    passMark: 60,
  };
}

function inPerson(slug: string): ScenarioInput {
  return {
    id: slug,
    title: both("The booking that cannot be found", "La réservation introuvable"),
    channel: "in-person",
    difficulty: 1,
    estimatedMinutes: 5,
    setting: both(
      "The front desk of a city hotel, 6 pm. A guest arrives with a suitcase.",
      "La réception d'un hôtel en ville, 18 h. Un client arrive avec sa valise.",
    ),
    role: both("You are the receptionist on duty.", "Vous êtes le réceptionniste de service."),
    customer: {
      name: "Alex Moreau",
      persona: both(
        "Alex has travelled all day and wants a room. Tired and a little short; gives details only when asked.",
        "Alex a voyagé toute la journée et veut une chambre. Fatigué, un peu sec ; ne donne les détails que si on les demande.",
      ),
      patience: 55,
    },
    mood: { calmFrom: 60, annoyedFrom: 30, terseBelow: 25 },
    opening: {
      en: ["Hi, I have a booking for tonight. Your app says it doesn't exist."],
      fr: ["Bonsoir, j'ai une réservation pour ce soir. Votre appli dit qu'elle n'existe pas."],
    },
    goal: both(
      "Find the booking under the right name and give the guest a room.",
      "Retrouver la réservation au bon nom et donner une chambre au client.",
    ),
    resolvedWhen: { all: ["fact:booking-name"], any: ["offer_solution", "take_ownership"] },
    maxTurns: 10,
    topics: {
      "booking-name": {
        description: both("Asks the name on the booking", "Demande le nom de la réservation"),
        examples: IN_PERSON_EXAMPLES,
      },
    },
    knows: [
      {
        id: "early-breakfast",
        description: both("Guests leaving early can have breakfast from 6 am, or a breakfast bag at the desk", "Les clients qui partent tôt ont le petit-déjeuner dès 6 h, ou un sac petit-déjeuner à la réception"),
        examples: {
          en: [
            "Breakfast starts at 6 am, so you can eat before you leave.",
            "If you leave early, we can prepare a breakfast bag for you at the desk.",
            "Good to know: breakfast is served from six in the morning.",
            "we do a takeaway breakfast if youre in a hurry tomorrow",
            "Just ask tonight and a breakfast bag will be waiting for you at 5.",
            "The breakfast room opens at 6, early enough for most flights.",
            "For early departures we have a grab-and-go breakfast at reception.",
            "By the way, you can take breakfast with you if you leave before it opens.",
            "Early risers can have coffee and pastries from six o'clock.",
            "Let me know your departure time and we'll have breakfast ready to take.",
          ],
          fr: [
            "Le petit-déjeuner commence à 6 h, vous pourrez manger avant de partir.",
            "Si vous partez tôt, on peut vous préparer un sac petit-déjeuner à la réception.",
            "Bon à savoir : le petit-déjeuner est servi dès six heures du matin.",
            "on fait un petit dej a emporter si vous etes presse demain",
            "Demandez-le ce soir et un sac petit-déjeuner vous attendra à 5 h.",
            "La salle du petit-déjeuner ouvre à 6 h, assez tôt pour la plupart des vols.",
            "Pour les départs matinaux, on a un petit-déjeuner à emporter à la réception.",
            "D'ailleurs, vous pouvez emporter votre petit-déjeuner si vous partez avant l'ouverture.",
            "Les lève-tôt ont café et viennoiseries dès six heures.",
            "Dites-moi votre heure de départ et on vous prépare un petit-déjeuner à emporter.",
          ],
        },
      },
      {
        id: "app-bookings",
        description: both("Bookings made by a company often show under the company's name in the app", "Les réservations faites par une société apparaissent souvent au nom de la société dans l'appli"),
        examples: {
          en: [
            "Bookings made by a company often show under the company's name in the app.",
            "When your employer books, the app lists it under their name, not yours.",
            "Good to know: company bookings don't appear in your personal app account.",
            "if work booked it, it wont show in your app",
            "Next time, ask your company to add your email so it shows in your app.",
            "The app only shows bookings made with your own account.",
            "Business bookings are filed under the company, that's why the app couldn't find it.",
            "By the way, you can link company bookings to your account at check-out.",
            "Reservations from travel agencies often carry the company's name.",
            "Your app said it doesn't exist because it was booked under another account.",
          ],
          fr: [
            "Les réservations faites par une société apparaissent souvent au nom de la société dans l'appli.",
            "Quand votre employeur réserve, l'appli l'affiche à son nom, pas au vôtre.",
            "Bon à savoir : les réservations d'entreprise n'apparaissent pas dans votre compte perso.",
            "si c'est le boulot qui a reserve ca s'affiche pas dans votre appli",
            "La prochaine fois, demandez à votre société d'ajouter votre mail pour la voir dans l'appli.",
            "L'appli ne montre que les réservations faites avec votre propre compte.",
            "Les réservations professionnelles sont classées au nom de la société, d'où l'appli qui ne la trouvait pas.",
            "D'ailleurs, vous pouvez rattacher une réservation d'entreprise à votre compte au départ.",
            "Les réservations des agences de voyage portent souvent le nom de la société.",
            "Votre appli disait qu'elle n'existe pas parce qu'elle a été faite depuis un autre compte.",
          ],
        },
      },
    ],
    facts: [
      {
        id: "booking-name",
        unlockedBy: { any: ["topic:booking-name"] },
        text: both("It should be under my company's name, Verlaine & Co.", "Elle doit être au nom de ma société, Verlaine & Cie."),
      },
    ],
    needs: [
      {
        id: "breakfast",
        description: both("Is breakfast included?", "Le petit-déjeuner est-il compris ?"),
        voicedWhen: { after: ["fact:booking-name"], latestTurn: 5 },
        metBy: { any: ["explain", "offer_more"] },
      },
    ],
    reactions: {},
    lines: {
      // What he says to an open question ("How can I help you?") or a line the scripted customer does not follow: why he is here.
      clarify: {
        en: ["I have a booking for tonight, and your app says it doesn't exist.", "I just need the room I booked for tonight."],
        fr: ["J'ai une réservation pour ce soir, et votre appli dit qu'elle n'existe pas.", "Il me faut juste la chambre que j'ai réservée pour ce soir."],
      },
      "voice-need:breakfast": {
        en: ["And is breakfast included? I leave early tomorrow."],
        fr: ["Et le petit-déjeuner est compris ? Je pars tôt demain."],
      },
    },
    rubric: {
      empathy: [
        {
          // Replaces the default of the same id ("Acknowledged how the customer feels"): here, the long day.
          id: "acknowledge-feeling",
          description: both("Acknowledged the long day", "A reconnu la longue journée"),
          when: { any: ["acknowledge_feeling", "apologize"] },
          weight: 2,
          tip: both("A tired guest first needs to hear you understand.", "Un client fatigué a d'abord besoin d'entendre que vous comprenez."),
        },
      ],
      resolution: [
        {
          id: "asked-the-name",
          description: both("Asked the name on the booking", "A demandé le nom de la réservation"),
          when: ["topic:booking-name"],
          tip: both("Ask under which name the booking was made: it may be a company's.", "Demandez à quel nom la réservation a été faite : ce peut être celui d'une société."),
        },
      ],
      anticipation: [
        {
          id: "told-breakfast",
          description: both("Mentioned breakfast before being asked", "A parlé du petit-déjeuner avant qu'on le demande"),
          when: ["need:breakfast"],
          before: "before-need:breakfast",
          tip: both("Tell the guest what is included before they ask.", "Dites au client ce qui est compris avant qu'il le demande."),
        },
      ],
    },
    passMark: 60,
  };
}

/** The content of a new scenario from a template, with `slug` as its id. */
export function templateContent(name: TemplateName, slug: string): Record<string, unknown> {
  switch (name) {
    case "blank":
      return blank(slug);
    case "phone":
      return phone(slug) as unknown as Record<string, unknown>;
    case "in-person":
      return inPerson(slug) as unknown as Record<string, unknown>;
  }
}
