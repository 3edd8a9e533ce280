/** Plain constants shared by the database layer and the UI (no imports: safe in the browser bundle). */
export const ROLES = ["trainee", "trainer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
