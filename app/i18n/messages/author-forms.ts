import { defineMessages } from "../define";

/**
 * The generic field errors of app/forms/field-errors.ts (registered as the `forms` area): what a zod
 * issue says when its schema did not give an i18n key of its own.
 */
export default defineMessages({
  en: {
    required: "Required.",
    tooShort: "Too short: at least {minimum}.",
    tooLong: "Too long: at most {maximum}.",
    tooSmall: "Too small: at least {minimum}.",
    tooBig: "Too big: at most {maximum}.",
    needsItems: "Add at least {minimum}.",
    invalidType: "Expected {expected}.",
    invalidOption: "Pick one of the options.",
    unknownField: "Unknown field: {keys}.",
    invalidFormat: "Not in the expected format.",
    invalid: "{detail}",
  },
  fr: {
    required: "Obligatoire.",
    tooShort: "Trop court : au moins {minimum}.",
    tooLong: "Trop long : au plus {maximum}.",
    tooSmall: "Trop petit : au moins {minimum}.",
    tooBig: "Trop grand : au plus {maximum}.",
    needsItems: "Ajoutez-en au moins {minimum}.",
    invalidType: "Attendu : {expected}.",
    invalidOption: "Choisissez une des options.",
    unknownField: "Champ inconnu : {keys}.",
    invalidFormat: "Pas au format attendu.",
    invalid: "{detail}",
  },
});
