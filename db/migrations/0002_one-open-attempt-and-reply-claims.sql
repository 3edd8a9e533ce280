CREATE TABLE "reply_claims" (
	"attempt_id" text PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"owner" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reply_claims" ADD CONSTRAINT "reply_claims_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Calls left open twice on the same scenario version (double clicks before this index): all but the latest are closed.
UPDATE "attempts" SET "status" = 'ended', "outcome" = 'unresolved', "ended_at" = now()
WHERE "status" <> 'ended' AND EXISTS (
	SELECT 1 FROM "attempts" later
	WHERE later."user_id" = "attempts"."user_id" AND later."scenario_version_id" = "attempts"."scenario_version_id"
	AND later."status" <> 'ended' AND (later."started_at", later."id") > ("attempts"."started_at", "attempts"."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "attempts_one_open_per_user_version" ON "attempts" USING btree ("user_id","scenario_version_id") WHERE status <> 'ended';