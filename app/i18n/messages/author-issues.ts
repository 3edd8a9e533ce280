import { defineMessages } from "../define";

/**
 * The studio's words for what the scenario format refuses (registered with the studio's strings by
 * app/author/messages.ts, so they travel in the studio's chunks only): YAML syntax errors with their line,
 * column and what is wrong, and zod's own issues the generic `forms` words do not say well (a wrong type, an
 * option). The format's own checks are worded by the `author` area's issue* keys (app/author/issues.ts).
 */
export default defineMessages({
  en: {
    yaml_tab: "Line {line}, column {column}: a tab is used to indent. YAML indents with spaces only: replace the tab with spaces (two per level).",
    yaml_indent:
      "Line {line}, column {column}: the indentation does not match. The lines of one block start at the same column, and what belongs to a field is indented two spaces further than the field's name.",
    yaml_colon:
      "Line {line}, column {column}: a colon is missing after a field's name (write “name: value”, with a space after the colon), or the line is indented further than the one above it.",
    yaml_quote: "Line {line}, column {column}: a text opened with {quote} is not closed: add {quote} at its end.",
    yaml_bracket: "Line {line}, column {column}: a list or a group opened with [ or { is not closed: add ] or } at its end.",
    yaml_duplicate: "Line {line}, column {column}: this field's name is already used in the same block: keep only one of them.",
    yaml_badStart: "Line {line}, column {column}: a value cannot start with “{near}”: put the whole value in quotes.",
    yaml_other: "Line {line}, column {column}: the YAML cannot be read from here. Check the indentation, the colons and the quotes around this place.",
    yamlKept: "Your text is kept as you typed it, here and if you switch to the form and back: correct it and it is applied to the draft.",
    yamlLeftover: "Text you typed earlier that could not be read (the draft has changed since): copy what you need from it.",
    yamlLeftoverDismiss: "I no longer need it",
    wrongType_number: "Must be a number.",
    wrongType_int: "Must be a whole number.",
    wrongType_string: "Must be a text.",
    wrongType_boolean: "Must be true or false.",
    wrongType_array: "Must be a list (lines starting with “- ”).",
    wrongType_object: "Must be a group of fields (“name: value” lines, indented under it).",
    wrongType_other: "This is not the kind of value expected here.",
    invalidOption: "Must be one of: {options}.",
    other: "This value is not accepted here.",
    fieldProblem: "{field}: {message}",
    lineProblem: "Line {line}: {field}: {message}",
  },
  fr: {
    yaml_tab: "Ligne {line}, colonne {column} : une tabulation sert d'indentation. Le YAML n'indente qu'avec des espaces : remplacez la tabulation par des espaces (deux par niveau).",
    yaml_indent:
      "Ligne {line}, colonne {column} : l'indentation ne correspond pas. Les lignes d'un même bloc commencent à la même colonne, et ce qui appartient à un champ est décalé de deux espaces de plus que le nom du champ.",
    yaml_colon:
      "Ligne {line}, colonne {column} : il manque les deux-points après le nom d'un champ (écrivez « nom: valeur », avec une espace après les deux-points), ou la ligne est plus indentée que celle du dessus.",
    yaml_quote: "Ligne {line}, colonne {column} : un texte ouvert par {quote} n'est pas refermé : ajoutez {quote} à sa fin.",
    yaml_bracket: "Ligne {line}, colonne {column} : une liste ou un groupe ouvert par [ ou { n'est pas refermé : ajoutez ] ou } à sa fin.",
    yaml_duplicate: "Ligne {line}, colonne {column} : ce nom de champ est déjà employé dans le même bloc : n'en gardez qu'un.",
    yaml_badStart: "Ligne {line}, colonne {column} : une valeur ne peut pas commencer par « {near} » : mettez toute la valeur entre guillemets.",
    yaml_other: "Ligne {line}, colonne {column} : le YAML ne peut pas être lu à partir d'ici. Vérifiez l'indentation, les deux-points et les guillemets autour de cet endroit.",
    yamlKept: "Votre texte est gardé tel que vous l'avez tapé, ici et si vous passez au formulaire puis revenez : corrigez-le et il s'applique au brouillon.",
    yamlLeftover: "Texte tapé plus tôt qui n'a pas pu être lu (le brouillon a changé depuis) : copiez-en ce dont vous avez besoin.",
    yamlLeftoverDismiss: "Je n'en ai plus besoin",
    wrongType_number: "Doit être un nombre.",
    wrongType_int: "Doit être un nombre entier.",
    wrongType_string: "Doit être un texte.",
    wrongType_boolean: "Doit être true ou false (vrai ou faux).",
    wrongType_array: "Doit être une liste (des lignes qui commencent par « - »).",
    wrongType_object: "Doit être un groupe de champs (des lignes « nom: valeur », décalées en dessous).",
    wrongType_other: "Ce n'est pas le genre de valeur attendu ici.",
    invalidOption: "Doit être l'une de ces valeurs : {options}.",
    other: "Cette valeur n'est pas acceptée ici.",
    fieldProblem: "{field} : {message}",
    lineProblem: "Ligne {line} : {field} : {message}",
  },
});
