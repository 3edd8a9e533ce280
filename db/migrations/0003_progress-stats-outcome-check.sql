CREATE TABLE "progress_stats" (
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"scenario_id" text NOT NULL,
	"scored_calls" integer DEFAULT 0 NOT NULL,
	"passed_calls" integer DEFAULT 0 NOT NULL,
	"best_overall" integer,
	"last_overall" integer,
	"sum_empathy" bigint DEFAULT 0 NOT NULL,
	"sum_resolution" bigint DEFAULT 0 NOT NULL,
	"sum_anticipation" bigint DEFAULT 0 NOT NULL,
	"sum_overall" bigint DEFAULT 0 NOT NULL,
	"last_call_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_stats_org_id_user_id_scenario_id_pk" PRIMARY KEY("org_id","user_id","scenario_id")
);
--> statement-breakpoint
ALTER TABLE "progress_stats" ADD CONSTRAINT "progress_stats_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_stats" ADD CONSTRAINT "progress_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_stats" ADD CONSTRAINT "progress_stats_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "progress_stats_user_idx" ON "progress_stats" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "attempts_org_user_idx" ON "attempts" USING btree ("org_id","user_id","started_at");--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_outcome_check" CHECK ("attempts"."outcome" in ('resolved', 'unresolved', 'customer_left', 'not_answered'));--> statement-breakpoint
-- The statistics of the calls scored before this table existed (effective scorecard = the latest by n).
INSERT INTO "progress_stats" ("org_id", "user_id", "scenario_id", "scored_calls", "passed_calls", "best_overall", "last_overall", "sum_empathy", "sum_resolution", "sum_anticipation", "sum_overall", "last_call_at")
SELECT a."org_id", a."user_id", sv."scenario_id", count(*)::int, (count(*) FILTER (WHERE c."passed"))::int, max(c."overall"),
	(array_agg(c."overall" ORDER BY a."started_at" DESC, a."id" DESC))[1], sum(c."empathy"), sum(c."resolution"), sum(c."anticipation"), sum(c."overall"), max(a."started_at")
FROM "attempts" a
JOIN "scenario_versions" sv ON sv."id" = a."scenario_version_id"
JOIN LATERAL (SELECT s."empathy", s."resolution", s."anticipation", s."overall", s."passed" FROM "scorecards" s WHERE s."attempt_id" = a."id" ORDER BY s."n" DESC LIMIT 1) c ON true
GROUP BY a."org_id", a."user_id", sv."scenario_id";
