/** Plain constants shared by the database layer and the UI (no imports: safe in the browser bundle). */
export const ROLES = ["trainee", "trainer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** How long an invitation's one-time link stays valid. */
export const INVITATION_DAYS = 7;

/** How an ended call ended (machines/types.ts Outcome; app/progress checks the two agree). */
export const OUTCOMES = ["resolved", "unresolved", "customer_left", "not_answered"] as const;
export type AttemptOutcome = (typeof OUTCOMES)[number];
