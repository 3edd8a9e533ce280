import { defineMessages } from "../define";

/** Ending a call: the confirmation asked once before the call is ended and scored (issue 10). */
export default defineMessages({
  en: {
    confirmCallTitle: "End the call?",
    confirmConversationTitle: "End the conversation?",
    confirmBodyPhone: "{name} will hang up and your call will be scored now. You cannot continue it afterwards.",
    confirmBodyInPerson: "{name} will leave and your conversation will be scored now. You cannot continue it afterwards.",
    confirmYes: "End and score",
    confirmNo: "Keep talking",
  },
  fr: {
    confirmCallTitle: "Raccrocher ?",
    confirmConversationTitle: "Terminer la conversation ?",
    confirmBodyPhone: "{name} raccrochera et votre appel sera noté tout de suite. Vous ne pourrez plus le reprendre.",
    confirmBodyInPerson: "{name} partira et votre conversation sera notée tout de suite. Vous ne pourrez plus la reprendre.",
    confirmYes: "Terminer et noter",
    confirmNo: "Continuer à parler",
  },
});
