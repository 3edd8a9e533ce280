import { defineMessages } from "../define";

/** The role homes: /train (first version), /author, /team. */
export default defineMessages({
  en: {
    trainTitle: "Practice",
    trainIntro: "Pick a scenario and take the call. You are scored on empathy, resolution and anticipation.",
    trainEmpty: "No scenario is published for your organisation yet. Ask your trainer.",
    scenariosHeading: "Scenarios",
    authorTitle: "Scenarios",
    authorIntro: "The scenarios your organisation can practise, from the shared library and your own.",
    authorEmpty: "No scenario yet. Scenario files in the library appear here once the app has loaded them.",
    colTitle: "Title",
    colChannel: "Channel",
    colDifficulty: "Difficulty",
    colStatus: "Status",
    colSource: "Source",
    colVersion: "Version",
    teamTitle: "Team",
    teamIntro: "The people in {org} and their roles.",
    teamEmpty: "Nobody has joined {org} yet.",
    colName: "Name",
    colEmail: "Email",
    colRole: "Role",
    colJoined: "Joined",
    invitePending: "invitation pending",
  },
  fr: {
    trainTitle: "Pratique",
    trainIntro:
      "Choisissez un scénario et prenez l'appel. Vous êtes évalué·e sur l'empathie, la résolution et l'anticipation.",
    trainEmpty:
      "Aucun scénario n'est encore publié pour votre organisation. Demandez à votre formateur·rice.",
    scenariosHeading: "Scénarios",
    authorTitle: "Scénarios",
    authorIntro:
      "Les scénarios que votre organisation peut pratiquer, de la bibliothèque commune et les vôtres.",
    authorEmpty:
      "Aucun scénario pour l'instant. Les fichiers de la bibliothèque apparaissent ici une fois chargés par l'application.",
    colTitle: "Titre",
    colChannel: "Canal",
    colDifficulty: "Difficulté",
    colStatus: "Statut",
    colSource: "Source",
    colVersion: "Version",
    teamTitle: "Équipe",
    teamIntro: "Les personnes de {org} et leurs rôles.",
    teamEmpty: "Personne n'a encore rejoint {org}.",
    colName: "Nom",
    colEmail: "Courriel",
    colRole: "Rôle",
    colJoined: "Arrivée",
    invitePending: "invitation en attente",
  },
});
