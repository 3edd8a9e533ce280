ALTER TABLE "attempts" ADD COLUMN "abandoned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Calls that ended without a trainee turn are abandoned: they lose the 0/100 scorecards they were given (decision 279).
UPDATE "attempts" a SET "abandoned" = true
WHERE a."status" = 'ended' AND NOT EXISTS (SELECT 1 FROM "turns" t WHERE t."attempt_id" = a."id" AND t."speaker" = 'trainee');--> statement-breakpoint
DELETE FROM "scorecards" s USING "attempts" a WHERE a."id" = s."attempt_id" AND a."abandoned";--> statement-breakpoint
-- The maintained statistics again from the effective scorecards (as in 0003), now without those calls.
DELETE FROM "progress_stats";--> statement-breakpoint
INSERT INTO "progress_stats" ("org_id", "user_id", "scenario_id", "scored_calls", "passed_calls", "best_overall", "last_overall", "sum_empathy", "sum_resolution", "sum_anticipation", "sum_overall", "last_call_at")
SELECT a."org_id", a."user_id", sv."scenario_id", count(*)::int, (count(*) FILTER (WHERE c."passed"))::int, max(c."overall"),
	(array_agg(c."overall" ORDER BY a."started_at" DESC, a."id" DESC))[1], sum(c."empathy"), sum(c."resolution"), sum(c."anticipation"), sum(c."overall"), max(a."started_at")
FROM "attempts" a
JOIN "scenario_versions" sv ON sv."id" = a."scenario_version_id"
JOIN LATERAL (SELECT s."empathy", s."resolution", s."anticipation", s."overall", s."passed" FROM "scorecards" s WHERE s."attempt_id" = a."id" ORDER BY s."n" DESC LIMIT 1) c ON true
WHERE NOT a."abandoned"
GROUP BY a."org_id", a."user_id", sv."scenario_id";
