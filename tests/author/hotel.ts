/** The hotel scenario the browser test writes through the editor (and the lines it plays). */
export const HOTEL = {
  slug: "room-not-ready",
  title: { en: "The room that is not ready", fr: "La chambre pas prête" },
  setting: {
    en: "The front desk of the Hôtel du Parc, 1 pm. Check-in is from 3 pm; a guest arrives early.",
    fr: "La réception de l'Hôtel du Parc, 13 h. Les arrivées sont à partir de 15 h ; une cliente arrive en avance.",
  },
  role: { en: "You are the receptionist on duty.", fr: "Vous êtes la réceptionniste de service." },
  name: "Nadia Benali",
  persona: {
    en: "Nadia has travelled since dawn and has a meeting at 4 pm. Tired, polite, worried about being late.",
    fr: "Nadia voyage depuis l'aube et a une réunion à 16 h. Fatiguée, polie, inquiète d'être en retard.",
  },
  opening: {
    en: "Hello, I have a reservation for tonight. Can I have my room now? I have a meeting at four.",
    fr: "Bonjour, j'ai une réservation pour ce soir. Je peux avoir ma chambre maintenant ? J'ai une réunion à seize heures.",
  },
  goal: {
    en: "Find the booking, apologise, and offer a solution (bags kept, a room as soon as one is ready).",
    fr: "Retrouver la réservation, s'excuser et proposer une solution (bagages gardés, une chambre dès qu'une est prête).",
  },
  topic: {
    id: "booking-name",
    description: { en: "Asks the name on the booking", fr: "Demande le nom de la réservation" },
    examples: {
      en: [
        "What name is the booking under?",
        "Under which name did you book?",
        "Can I have your name please?",
        "whats the name on the reservation",
        "Could you spell your surname?",
        "Let me find your booking, what's your name?",
        "Who made the reservation?",
        "Which name should I look for?",
        "May I have the name for the reservation?",
        "Is the room booked in your name?",
      ],
      fr: [
        "La réservation est à quel nom ?",
        "C'est à quel nom, s'il vous plaît ?",
        "Vous pouvez me donner votre nom ?",
        "c a quel nom la resa",
        "Vous pouvez m'épeler votre nom ?",
        "Je cherche votre réservation, quel est votre nom ?",
        "Qui a fait la réservation ?",
        "Je regarde à quel nom ?",
        "Puis-je avoir le nom de la réservation ?",
        "La chambre est réservée à votre nom ?",
      ],
    },
  },
  fact: {
    id: "guest-name",
    text: { en: "It's under Benali, Nadia Benali.", fr: "C'est au nom de Benali, Nadia Benali." },
  },
  checkpoint: {
    id: "asked-the-name",
    description: { en: "Asked the name on the booking", fr: "A demandé le nom de la réservation" },
    tip: { en: "Ask the name first, then look the booking up.", fr: "Demandez d'abord le nom, puis cherchez la réservation." },
  },
  lines: {
    good: [
      "Good afternoon, welcome to the Hôtel du Parc. I'm so sorry, I understand you're in a hurry. What name is the booking under?",
      "Thank you Ms Benali. Your room isn't ready yet, but I can keep your bags, and I'll put you in the first room that is ready, by 2:30 at the latest, so you're in time for your meeting.",
      "I'll call your mobile as soon as it's ready. Is there anything else I can do for you?",
      "Have a lovely stay, Ms Benali. Goodbye!",
    ],
    curt: ["No. Check-in is at three.", "Come back later."],
  },
};
