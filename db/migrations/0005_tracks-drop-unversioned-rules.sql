CREATE TABLE "certification_attempts" (
	"attempt_id" text PRIMARY KEY NOT NULL,
	"track_id" text NOT NULL,
	"track_version_id" text NOT NULL,
	"user_id" text NOT NULL,
	"scenario_id" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "track_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"track_id" text NOT NULL,
	"user_id" text NOT NULL,
	"due_at" timestamp with time zone,
	"assigned_by" text,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "track_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"track_id" text NOT NULL,
	"version" integer NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"scenarios" jsonb NOT NULL,
	"attempts_allowed" integer,
	"cooldown_hours" integer DEFAULT 0 NOT NULL,
	"language" text,
	"hide_coaching" boolean DEFAULT true NOT NULL,
	"validity_months" integer NOT NULL,
	"recertify_days" integer DEFAULT 30 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certification_attempts" ADD CONSTRAINT "certification_attempts_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_attempts" ADD CONSTRAINT "certification_attempts_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_attempts" ADD CONSTRAINT "certification_attempts_track_version_id_track_versions_id_fk" FOREIGN KEY ("track_version_id") REFERENCES "public"."track_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_attempts" ADD CONSTRAINT "certification_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_attempts" ADD CONSTRAINT "certification_attempts_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_assignments" ADD CONSTRAINT "track_assignments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_assignments" ADD CONSTRAINT "track_assignments_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_assignments" ADD CONSTRAINT "track_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_assignments" ADD CONSTRAINT "track_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_versions" ADD CONSTRAINT "track_versions_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_versions" ADD CONSTRAINT "track_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certification_attempts_user_track_idx" ON "certification_attempts" USING btree ("user_id","track_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "track_assignments_track_user_unique" ON "track_assignments" USING btree ("track_id","user_id");--> statement-breakpoint
CREATE INDEX "track_assignments_org_user_idx" ON "track_assignments" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "track_assignments_user_idx" ON "track_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "track_versions_track_version_unique" ON "track_versions" USING btree ("track_id","version");--> statement-breakpoint
CREATE INDEX "tracks_org_idx" ON "tracks" USING btree ("org_id","created_at");--> statement-breakpoint
ALTER TABLE "tracks" DROP COLUMN "requirements";--> statement-breakpoint
ALTER TABLE "tracks" DROP COLUMN "validity_days";