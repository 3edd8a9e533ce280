/**
 * The labels of the values the app shows everywhere — a call's outcome, the customer's mood, the
 * scoring dimensions, roles and a call's mode — as message keys of the `labels` area. One module,
 * one set of keys: the report, the call screen, the team and history pages and the layout all
 * take them from here.
 */
import type { MessageKey } from ".";

export type OutcomeValue = "resolved" | "unresolved" | "customer_left" | "not_answered";
export type MoodValue = "calm" | "annoyed" | "angry";
export type DimensionValue = "empathy" | "resolution" | "anticipation";
export type RoleValue = "trainee" | "trainer" | "manager" | "admin";
export type ModeValue = "practice" | "certification";

export const OUTCOME_LABEL: Record<OutcomeValue, MessageKey> = {
  resolved: "labels.outcome_resolved",
  unresolved: "labels.outcome_unresolved",
  customer_left: "labels.outcome_customer_left",
  not_answered: "labels.outcome_not_answered",
};

export const MOOD_LABEL: Record<MoodValue, MessageKey> = {
  calm: "labels.mood_calm",
  annoyed: "labels.mood_annoyed",
  angry: "labels.mood_angry",
};

export const DIMENSION_LABEL: Record<DimensionValue, MessageKey> = {
  empathy: "labels.dimension_empathy",
  resolution: "labels.dimension_resolution",
  anticipation: "labels.dimension_anticipation",
};

export const ROLE_LABEL: Record<RoleValue, MessageKey> = {
  trainee: "labels.role_trainee",
  trainer: "labels.role_trainer",
  manager: "labels.role_manager",
  admin: "labels.role_admin",
};

export const MODE_LABEL: Record<ModeValue, MessageKey> = {
  practice: "labels.mode_practice",
  certification: "labels.mode_certification",
};
