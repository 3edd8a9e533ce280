ALTER TABLE "certifications" ADD COLUMN "org_id" text;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "track_version_id" text;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "evidence_key" text;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_track_version_id_track_versions_id_fk" FOREIGN KEY ("track_version_id") REFERENCES "public"."track_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certifications_org_track_idx" ON "certifications" USING btree ("org_id","track_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_evidence_unique" ON "certifications" USING btree ("user_id","track_id","evidence_key");