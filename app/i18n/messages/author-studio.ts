import { defineMessages } from "../define";

/**
 * The studio's words added in session 13 (an imported file that cannot be read, the history of a scenario,
 * the Checks' warnings on example phrases and on what the receptionist knows, the kinds of a condition, a
 * title's length). Registered with the studio's other areas by app/author/messages-studio.ts, so they travel
 * in the studio's chunks only (decision 274).
 */
export default defineMessages({
  en: {
    fileTooLarge: "File too large (max {max} KB): this one is {size} KB.",
    fileNotText: "This is not a YAML text file: choose a .yaml file written as text (a scenario exported from the studio, for instance).",
    fileEmpty: "The file is empty: choose a YAML file with a scenario in it.",
    historyCreated: "Created",
    historyImported: "Imported from a YAML file",
    historyEdited: "{count, plural, one {Edited} other {Edited # times}}",
    historyPublished: "Published",
    historyRolledBack: "Rolled back",
    historyArchived: "Archived",
    historyRestored: "Restored",
    historyTestAdded: "Test added",
    historyTestRemoved: "Test removed",
    historyOther: "Other change ({action})",
    historyUnknownActor: "someone",
    warnDuplicateExamples: "{count, plural, one {# example phrase is} other {# example phrases are}} written twice in this language (“{example}”): each copy counts once; write a different phrasing instead.",
    warnJunkExamples: "{count, plural, one {# example phrase has} other {# example phrases have}} fewer than two words (“{example}”): an example is a whole phrase a receptionist would say.",
    warnNoKnows: "“What the receptionist knows” is empty: the checkpoint “Shared something useful the customer did not know” can almost never be earned (only a generic “good to know…” tip counts, and it is rarely recognised). Add at least one thing the receptionist knows and the customer does not, with its example phrases.",
    condTopic: "Topic: {id}",
    condFact: "Fact: {id}",
    condNeed: "Need: {id}",
    titleTooLong: "The title is {length} characters long: keep it to {max} at most.",
  },
  fr: {
    fileTooLarge: "Fichier trop volumineux (max {max} Ko) : celui-ci fait {size} Ko.",
    fileNotText: "Ce n'est pas un fichier texte YAML : choisissez un fichier .yaml écrit en texte (un scénario exporté du studio, par exemple).",
    fileEmpty: "Le fichier est vide : choisissez un fichier YAML qui contient un scénario.",
    historyCreated: "Créé",
    historyImported: "Importé d'un fichier YAML",
    historyEdited: "{count, plural, one {Modifié} other {Modifié # fois}}",
    historyPublished: "Publié",
    historyRolledBack: "Version restaurée",
    historyArchived: "Archivé",
    historyRestored: "Désarchivé",
    historyTestAdded: "Test ajouté",
    historyTestRemoved: "Test supprimé",
    historyOther: "Autre modification ({action})",
    historyUnknownActor: "quelqu'un",
    warnDuplicateExamples: "{count, plural, one {# exemple est écrit} other {# exemples sont écrits}} deux fois dans cette langue (« {example} ») : chaque copie ne compte qu'une fois ; écrivez plutôt une autre formulation.",
    warnJunkExamples: "{count, plural, one {# exemple a} other {# exemples ont}} moins de deux mots (« {example} ») : un exemple est une phrase entière, telle qu'on la dirait à l'accueil.",
    warnNoKnows: "« Ce que sait la personne à l'accueil » est vide : le point « A partagé une information utile que la personne ignorait » ne peut presque jamais être obtenu (seul un conseil général du type « bon à savoir… » compte, et il est rarement reconnu). Ajoutez au moins une chose que l'accueil sait et que la personne ignore, avec ses exemples de phrases.",
    condTopic: "Sujet : {id}",
    condFact: "Fait : {id}",
    condNeed: "Besoin : {id}",
    titleTooLong: "Le titre fait {length} caractères : {max} au maximum.",
  },
});
