import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_transcript_import_batches_status" AS ENUM('queued', 'running', 'done', 'failed', 'cancelled');
  CREATE TYPE "public"."enum_transcript_import_batches_status_override" AS ENUM('draft', 'in_review', 'published');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'importTranscriptBatch';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'importTranscriptBatch';
  CREATE TABLE "transcript_import_batches" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"status" "enum_transcript_import_batches_status" DEFAULT 'queued' NOT NULL,
  	"total" numeric DEFAULT 0 NOT NULL,
  	"done" numeric DEFAULT 0 NOT NULL,
  	"summary_imported" numeric DEFAULT 0 NOT NULL,
  	"summary_updated" numeric DEFAULT 0 NOT NULL,
  	"summary_unchanged" numeric DEFAULT 0 NOT NULL,
  	"summary_failed" numeric DEFAULT 0 NOT NULL,
  	"dry_run" boolean DEFAULT false,
  	"status_override" "enum_transcript_import_batches_status_override",
  	"created_by_id" integer,
  	"error" varchar,
  	"finished_at" timestamp(3) with time zone,
  	"heartbeat_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "transcript_import_batches_files" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"batch_id" integer NOT NULL,
  	"position" integer NOT NULL,
  	"name" text NOT NULL,
  	"content" "bytea",
  	"state" text DEFAULT 'queued' NOT NULL,
  	"outcome" text,
  	"report" jsonb,
  	"attempts" integer DEFAULT 0 NOT NULL,
  	"lease_token" text,
  	"lease_until" timestamp(3) with time zone
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "transcript_import_batches_id" integer;
  ALTER TABLE "transcript_import_batches" ADD CONSTRAINT "transcript_import_batches_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transcript_import_batches_files" ADD CONSTRAINT "transcript_import_batches_files_batch_id_transcript_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."transcript_import_batches"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "transcript_import_batches_status_idx" ON "transcript_import_batches" USING btree ("status");
  CREATE INDEX "transcript_import_batches_created_by_idx" ON "transcript_import_batches" USING btree ("created_by_id");
  CREATE INDEX "transcript_import_batches_finished_at_idx" ON "transcript_import_batches" USING btree ("finished_at");
  CREATE INDEX "transcript_import_batches_heartbeat_at_idx" ON "transcript_import_batches" USING btree ("heartbeat_at");
  CREATE INDEX "transcript_import_batches_updated_at_idx" ON "transcript_import_batches" USING btree ("updated_at");
  CREATE INDEX "transcript_import_batches_created_at_idx" ON "transcript_import_batches" USING btree ("created_at");
  CREATE UNIQUE INDEX "transcript_import_batches_files_batch_position_idx" ON "transcript_import_batches_files" USING btree ("batch_id","position");
  CREATE INDEX "transcript_import_batches_files_batch_state_idx" ON "transcript_import_batches_files" USING btree ("batch_id","state");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_transcript_import_batches_fk" FOREIGN KEY ("transcript_import_batches_id") REFERENCES "public"."transcript_import_batches"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_transcript_import_batches__idx" ON "payload_locked_documents_rels" USING btree ("transcript_import_batches_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "transcript_import_batches" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "transcript_import_batches_files" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "transcript_import_batches" CASCADE;
  DROP TABLE "transcript_import_batches_files" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_transcript_import_batches_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'publishScheduledEpisode');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'publishScheduledEpisode');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_transcript_import_batches__idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "transcript_import_batches_id";
  DROP TYPE "public"."enum_transcript_import_batches_status";
  DROP TYPE "public"."enum_transcript_import_batches_status_override";`)
}
