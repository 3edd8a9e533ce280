ALTER TABLE "tracks" ADD COLUMN "current_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "archived_at" timestamp with time zone;