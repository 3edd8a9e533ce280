import { defineMessages } from "../define";

/** Ending a call: the confirmation asked once before the call is ended and scored (issue 10). */
export default defineMessages({
  en: {
    confirmCallTitle: "End the call?",
    confirmConversationTitle: "End the conversation?",
    confirmBody: "{name} will be gone and your call will be scored now. You cannot continue it afterwards.",
    confirmYes: "End and score",
    confirmNo: "Keep talking",
  },
  fr: {
    confirmCallTitle: "Raccrocher ?",
    confirmConversationTitle: "Terminer la conversation ?",
    confirmBody: "{name} s'en ira et votre appel sera noté tout de suite. Vous ne pourrez plus le reprendre.",
    confirmYes: "Terminer et noter",
    confirmNo: "Continuer à parler",
  },
});
