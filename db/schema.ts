/**
 * The whole data model of DESIGN.md, as Drizzle tables (Postgres dialect; the
 * same schema serves PGlite and a Postgres server).
 *
 * Migrations are generated from this file by drizzle-kit (`npx drizzle-kit generate`)
 * into db/migrations/ and committed; they are applied at start-up.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { OUTCOMES, ROLES, type Role } from "./constants";

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export { ROLES, type Role };

export const organizations = pgTable("organizations", {
  id: id(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Always stored lower-cased and trimmed. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** argon2id hash; null until the invited person sets a password. */
    passwordHash: text("password_hash"),
    /** "en" | "fr"; null = follow the browser. */
    locale: text("locale", { enum: ["en", "fr"] }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index("memberships_org_idx").on(t.orgId)],
);

/** DB-backed sessions: the cookie holds only the (signed) id. */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The organisation the user is working in (a user may belong to several). */
    orgId: text("org_id").references(() => organizations.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * One-time links to set a password (invitations and resets). Only the token's SHA-256 is stored.
 * The membership is created when the link is used, not before. A newer invitation of the same
 * person to the same organisation revokes the earlier ones (decision 101).
 */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** Set when the link was withdrawn: by an admin, by a newer invitation, or when another link was used. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_org_idx").on(t.orgId, t.createdAt), index("invitations_user_idx").on(t.userId)],
);

/**
 * Platform operators: may create organisations and administer any of them (decision 100).
 * Granted only explicitly (`npm run cli -- operator grant <email>`), never by a seed; every
 * grant, revocation and operator action is an audit event.
 */
export const platformOperators = pgTable("platform_operators", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Failed login attempts, for rate limiting per account and per IP. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: id(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.createdAt),
    index("login_attempts_ip_idx").on(t.ip, t.createdAt),
  ],
);

export const SCENARIO_STATUSES = ["draft", "published", "archived"] as const;
export const scenarios = pgTable(
  "scenarios",
  {
    id: id(),
    /** null = the global library (scenarios/*.yaml). */
    orgId: text("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    status: text("status", { enum: SCENARIO_STATUSES }).notNull().default("draft"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("scenarios_org_slug_unique")
      .on(t.orgId, t.slug)
      .where(sql`${t.orgId} is not null`),
    uniqueIndex("scenarios_global_slug_unique")
      .on(t.slug)
      .where(sql`${t.orgId} is null`),
  ],
);

/** Immutable: a changed definition is a new row with version n+1. */
export const scenarioVersions = pgTable(
  "scenario_versions",
  {
    id: id(),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** The validated scenario (scenarios/schema.ts output). */
    definition: jsonb("definition").notNull(),
    /** SHA-256 of the canonical JSON of `definition`, to detect changes cheaply. */
    checksum: text("checksum").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("scenario_versions_scenario_version_unique").on(t.scenarioId, t.version)],
);

/**
 * The studio's working copy of an organisation's scenario (issue 13, decision 150): one per scenario,
 * saved automatically. `content` is the scenario format's input as the trainer left it (possibly
 * incomplete or invalid); `revision` grows with every save, and a save names the revision it started
 * from, so that a second trainer's stale save is refused instead of overwriting.
 */
export const scenarioDrafts = pgTable("scenario_drafts", {
  scenarioId: text("scenario_id")
    .primaryKey()
    .references(() => scenarios.id, { onDelete: "cascade" }),
  content: jsonb("content").notNull(),
  revision: integer("revision").notNull().default(1),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A scenario's own tests (decision 153): a played conversation (the trainee's lines) and what must
 * happen (a fact unlocked by a line, the outcome, pass or fail). Run on publish.
 */
export const scenarioTests = pgTable(
  "scenario_tests",
  {
    id: id(),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    locale: text("locale", { enum: ["en", "fr"] }).notNull(),
    lines: jsonb("lines").$type<string[]>().notNull(),
    /** app/author/tests.ts TestExpectation. */
    expectation: jsonb("expectation").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("scenario_tests_scenario_idx").on(t.scenarioId, t.createdAt)],
);

export const attempts = pgTable(
  "attempts",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    scenarioVersionId: text("scenario_version_id")
      .notNull()
      .references(() => scenarioVersions.id, { onDelete: "restrict" }),
    locale: text("locale", { enum: ["en", "fr"] }).notNull(),
    mode: text("mode", { enum: ["practice", "certification"] })
      .notNull()
      .default("practice"),
    engine: text("engine", { enum: ["scripted", "llm"] }).notNull(),
    status: text("status", { enum: ["ringing", "live", "ended"] }).notNull(),
    machineSnapshot: jsonb("machine_snapshot"),
    machineVersion: integer("machine_version").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    answeredAfterMs: integer("answered_after_ms"),
    answeredAfterRings: integer("answered_after_rings"),
    /** machines/types.ts Outcome, when ended (a check constraint keeps it to OUTCOMES). */
    outcome: text("outcome", { enum: OUTCOMES }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /**
     * Ended without a single trainee turn (opened and left, replaced by a new call, never
     * answered): no scorecard is issued and every count, rate and average leaves it out (decision 279).
     */
    abandoned: boolean("abandoned").notNull().default(false),
  },
  (t) => [
    index("attempts_user_idx").on(t.userId, t.startedAt),
    index("attempts_org_idx").on(t.orgId, t.startedAt),
    /** One call in progress per trainee and scenario version: a double click on Start lands on it (decision 111). */
    uniqueIndex("attempts_one_open_per_user_version").on(t.userId, t.scenarioVersionId).where(sql`status <> 'ended'`),
    /** A person's calls in one organisation, newest first; counts them index-only (decision 130). */
    index("attempts_org_user_idx").on(t.orgId, t.userId, t.startedAt),
    /** An organisation's calls over a period with what filters them, index-only (team progress, decision 143). */
    index("attempts_org_started_status_idx").on(t.orgId, t.startedAt, t.status, t.outcome, t.id),
    check("attempts_outcome_check", sql`${t.outcome} in ('resolved', 'unresolved', 'customer_left', 'not_answered')`),
  ],
);

export const turns = pgTable(
  "turns",
  {
    id: id(),
    attemptId: text("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    speaker: text("speaker", { enum: ["trainee", "customer", "system"] }).notNull(),
    text: text("text").notNull(),
    moves: jsonb("moves").$type<string[]>().notNull().default([]),
    topics: jsonb("topics").$type<string[]>().notNull().default([]),
    /** Which engine produced a customer turn (scripted | llm), or the classifier for a trainee turn. */
    engine: text("engine"),
    latencyMs: integer("latency_ms"),
    /** Idempotency key sent by the form, against double submits. */
    clientToken: text("client_token"),
    /** Extra data (beat, understanding source, …). */
    meta: jsonb("meta"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("turns_attempt_seq_unique").on(t.attemptId, t.seq),
    uniqueIndex("turns_attempt_client_token_unique").on(t.attemptId, t.clientToken),
  ],
);

/**
 * Which process is producing an attempt's pending customer line: one at a time across every
 * app process, a lease renewed while the line is produced and taken over once it lapses
 * (a process that died). Decision 113.
 */
export const replyClaims = pgTable("reply_claims", {
  attemptId: text("attempt_id")
    .primaryKey()
    .references(() => attempts.id, { onDelete: "cascade" }),
  seq: integer("seq").notNull(),
  owner: text("owner").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Immutable: re-scoring issues scorecard n+1 and keeps the old. */
export const scorecards = pgTable(
  "scorecards",
  {
    id: id(),
    attemptId: text("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    n: integer("n").notNull(),
    judge: text("judge").notNull(),
    empathy: integer("empathy").notNull(),
    resolution: integer("resolution").notNull(),
    anticipation: integer("anticipation").notNull(),
    overall: integer("overall").notNull(),
    passed: boolean("passed").notNull(),
    checkpoints: jsonb("checkpoints").notNull(),
    penalties: jsonb("penalties").notNull(),
    feedback: jsonb("feedback"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("scorecards_attempt_n_unique").on(t.attemptId, t.n),
    /** The effective scores of many calls at once, index-only (team progress over time, decision 143). */
    index("scorecards_attempt_scores_idx").on(t.attemptId, t.n, t.empathy, t.resolution, t.anticipation, t.overall),
  ],
);

/**
 * Statistics of the scored calls per organisation, person and scenario, maintained in the
 * transaction that issues a scorecard (app/progress/scorecards.server.ts issueScorecard) from
 * the effective scorecard of each attempt; never recomputed per view (decision 131).
 */
export const progressStats = pgTable(
  "progress_stats",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id, { onDelete: "cascade" }),
    scoredCalls: integer("scored_calls").notNull().default(0),
    passedCalls: integer("passed_calls").notNull().default(0),
    bestOverall: integer("best_overall"),
    lastOverall: integer("last_overall"),
    sumEmpathy: bigint("sum_empathy", { mode: "number" }).notNull().default(0),
    sumResolution: bigint("sum_resolution", { mode: "number" }).notNull().default(0),
    sumAnticipation: bigint("sum_anticipation", { mode: "number" }).notNull().default(0),
    sumOverall: bigint("sum_overall", { mode: "number" }).notNull().default(0),
    /** When the newest scored call of this person on this scenario started. */
    lastCallAt: timestamp("last_call_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.scenarioId] }),
    index("progress_stats_user_idx").on(t.userId),
  ],
);

/** A manager's comment or override on an attempt (audited). */
export const reviews = pgTable(
  "reviews",
  {
    id: id(),
    attemptId: text("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    scorecardId: text("scorecard_id").references(() => scorecards.id, { onDelete: "set null" }),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    comment: text("comment").notNull(),
    /** e.g. { passed: true, reason: "…" } */
    override: jsonb("override"),
    createdAt: createdAt(),
  },
  (t) => [index("reviews_attempt_idx").on(t.attemptId)],
);

/**
 * A certification track of an organisation (issue 12, decision 140). The rules live in
 * track_versions: editing a track adds version n+1, so a certification keeps the rules it was
 * issued under. `name` mirrors the current version's, for lists.
 */
export const tracks = pgTable(
  "tracks",
  {
    id: id(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: jsonb("name").$type<{ en: string; fr: string }>().notNull(),
    currentVersion: integer("current_version").notNull().default(1),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("tracks_org_idx").on(t.orgId, t.createdAt)],
);

/** Immutable: the rules of a track as of one version (app/certification/rules.ts TrackRules). */
export const trackVersions = pgTable(
  "track_versions",
  {
    id: id(),
    trackId: text("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    name: jsonb("name").$type<{ en: string; fr: string }>().notNull(),
    description: jsonb("description").$type<{ en: string; fr: string }>().notNull(),
    /** The track's scenarios in order, each with its pass mark and minimum per dimension. */
    scenarios: jsonb("scenarios").notNull(),
    /** null = unlimited certification attempts per scenario. */
    attemptsAllowed: integer("attempts_allowed"),
    cooldownHours: integer("cooldown_hours").notNull().default(0),
    /** null = the trainee chooses the call's language. */
    language: text("language", { enum: ["en", "fr"] }),
    hideCoaching: boolean("hide_coaching").notNull().default(true),
    validityMonths: integer("validity_months").notNull(),
    /** Recertification opens this many days before the certification expires. */
    recertifyDays: integer("recertify_days").notNull().default(30),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("track_versions_track_version_unique").on(t.trackId, t.version)],
);

/** A track assigned to a person, with a due date. Assigning again renews it (and its attempt count). */
export const trackAssignments = pgTable(
  "track_assignments",
  {
    id: id(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    trackId: text("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    assignedBy: text("assigned_by").references(() => users.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("track_assignments_track_user_unique").on(t.trackId, t.userId),
    index("track_assignments_org_user_idx").on(t.orgId, t.userId),
    index("track_assignments_user_idx").on(t.userId),
  ],
);

/** Which track (version) a certification-mode attempt counts for. */
export const certificationAttempts = pgTable(
  "certification_attempts",
  {
    attemptId: text("attempt_id")
      .primaryKey()
      .references(() => attempts.id, { onDelete: "cascade" }),
    trackId: text("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    trackVersionId: text("track_version_id")
      .notNull()
      .references(() => trackVersions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id, { onDelete: "cascade" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("certification_attempts_user_track_idx").on(t.userId, t.trackId, t.startedAt)],
);

export const certifications = pgTable(
  "certifications",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    trackId: text("track_id")
      .notNull()
      .references(() => tracks.id, { onDelete: "cascade" }),
    /** The organisation and the rules (track version) it was issued under: never rewritten. */
    orgId: text("org_id").references(() => organizations.id, { onDelete: "cascade" }),
    trackVersionId: text("track_version_id").references(() => trackVersions.id, { onDelete: "cascade" }),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** attempt ids */
    evidence: jsonb("evidence").$type<string[]>().notNull().default([]),
    /** The evidence attempts' ids, sorted and joined: the same passes issue one certification, once. */
    evidenceKey: text("evidence_key"),
  },
  (t) => [
    index("certifications_user_idx").on(t.userId),
    index("certifications_org_track_idx").on(t.orgId, t.trackId),
    uniqueIndex("certifications_evidence_unique").on(t.userId, t.trackId, t.evidenceKey),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    orgId: text("org_id").references(() => organizations.id, { onDelete: "set null" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    data: jsonb("data"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_org_idx").on(t.orgId, t.createdAt)],
);
