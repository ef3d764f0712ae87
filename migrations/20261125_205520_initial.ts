import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_episodes_episode_type" AS ENUM('full', 'trailer', 'bonus');
  CREATE TYPE "public"."enum_episodes_workflow_status" AS ENUM('draft', 'in_review', 'approved', 'scheduled', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_episodes_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__episodes_v_version_episode_type" AS ENUM('full', 'trailer', 'bonus');
  CREATE TYPE "public"."enum__episodes_v_version_workflow_status" AS ENUM('draft', 'in_review', 'approved', 'scheduled', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__episodes_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_speakers_role" AS ENUM('host', 'co-host', 'guest', 'announcer', 'other');
  CREATE TYPE "public"."enum_transcript_imports_status_override" AS ENUM('draft', 'in_review', 'published');
  CREATE TYPE "public"."enum_transcript_imports_outcome" AS ENUM('imported', 'updated', 'unchanged', 'failed');
  CREATE TYPE "public"."enum_users_roles" AS ENUM('admin', 'editor', 'author');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'publishScheduledEpisode');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'publishScheduledEpisode');
  CREATE TABLE "episodes_workflow_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"from" varchar,
  	"to" varchar,
  	"at" timestamp(3) with time zone,
  	"by_id" integer,
  	"comment" varchar
  );
  
  CREATE TABLE "episodes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"episode_number" numeric,
  	"season" numeric,
  	"episode_type" "enum_episodes_episode_type" DEFAULT 'full',
  	"summary" varchar,
  	"show_notes" jsonb,
  	"audio_url" varchar,
  	"audio_mime_type" varchar DEFAULT 'audio/mpeg',
  	"audio_byte_length" numeric,
  	"duration" numeric,
  	"transcript_language" varchar DEFAULT 'en',
  	"transcript_source_format" varchar,
  	"transcript_source_file" varchar,
  	"transcript_source_checksum" varchar,
  	"transcript_imported_at" timestamp(3) with time zone,
  	"transcript_turn_count" numeric DEFAULT 0,
  	"transcript_word_count" numeric DEFAULT 0,
  	"slug" varchar,
  	"permalink" varchar,
  	"published_at" timestamp(3) with time zone,
  	"workflow_status" "enum_episodes_workflow_status" DEFAULT 'draft',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_episodes_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "episodes_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"guests_id" integer,
  	"speakers_id" integer
  );
  
  CREATE TABLE "_episodes_v_version_workflow_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"from" varchar,
  	"to" varchar,
  	"at" timestamp(3) with time zone,
  	"by_id" integer,
  	"comment" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_episodes_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_episode_number" numeric,
  	"version_season" numeric,
  	"version_episode_type" "enum__episodes_v_version_episode_type" DEFAULT 'full',
  	"version_summary" varchar,
  	"version_show_notes" jsonb,
  	"version_audio_url" varchar,
  	"version_audio_mime_type" varchar DEFAULT 'audio/mpeg',
  	"version_audio_byte_length" numeric,
  	"version_duration" numeric,
  	"version_transcript_language" varchar DEFAULT 'en',
  	"version_transcript_source_format" varchar,
  	"version_transcript_source_file" varchar,
  	"version_transcript_source_checksum" varchar,
  	"version_transcript_imported_at" timestamp(3) with time zone,
  	"version_transcript_turn_count" numeric DEFAULT 0,
  	"version_transcript_word_count" numeric DEFAULT 0,
  	"version_slug" varchar,
  	"version_permalink" varchar,
  	"version_published_at" timestamp(3) with time zone,
  	"version_workflow_status" "enum__episodes_v_version_workflow_status" DEFAULT 'draft',
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__episodes_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_episodes_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"guests_id" integer,
  	"speakers_id" integer
  );
  
  CREATE TABLE "guests_links" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar NOT NULL,
  	"url" varchar NOT NULL
  );
  
  CREATE TABLE "guests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar,
  	"headline" varchar,
  	"bio" jsonb,
  	"photo_id" integer,
  	"is_public" boolean DEFAULT false,
  	"appears_in_published" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "speakers_aliases" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar NOT NULL,
  	"normalized" varchar
  );
  
  CREATE TABLE "speakers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar,
  	"role" "enum_speakers_role" DEFAULT 'guest',
  	"guest_id" integer,
  	"is_public" boolean DEFAULT false,
  	"appears_in_published" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "transcript_turns" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"episode_id" integer NOT NULL,
  	"position" numeric NOT NULL,
  	"speaker_id" integer,
  	"speaker_label" varchar,
  	"start" numeric,
  	"end" numeric,
  	"timestamp" varchar,
  	"text" varchar NOT NULL,
  	"word_count" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "transcript_imports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"status_override" "enum_transcript_imports_status_override",
  	"dry_run" boolean DEFAULT false,
  	"outcome" "enum_transcript_imports_outcome",
  	"episode_id" integer,
  	"turns" numeric,
  	"words" numeric,
  	"created_speakers" numeric,
  	"created_guests" numeric,
  	"errors" jsonb,
  	"warnings" jsonb,
  	"imported_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "users_roles" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_users_roles",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "media" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"alt" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"episodes_id" integer,
  	"guests_id" integer,
  	"speakers_id" integer,
  	"transcript_turns_id" integer,
  	"transcript_imports_id" integer,
  	"users_id" integer,
  	"media_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "episodes_workflow_history" ADD CONSTRAINT "episodes_workflow_history_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "episodes_workflow_history" ADD CONSTRAINT "episodes_workflow_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."episodes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "episodes_rels" ADD CONSTRAINT "episodes_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."episodes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "episodes_rels" ADD CONSTRAINT "episodes_rels_guests_fk" FOREIGN KEY ("guests_id") REFERENCES "public"."guests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "episodes_rels" ADD CONSTRAINT "episodes_rels_speakers_fk" FOREIGN KEY ("speakers_id") REFERENCES "public"."speakers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_episodes_v_version_workflow_history" ADD CONSTRAINT "_episodes_v_version_workflow_history_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_episodes_v_version_workflow_history" ADD CONSTRAINT "_episodes_v_version_workflow_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_episodes_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_episodes_v" ADD CONSTRAINT "_episodes_v_parent_id_episodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."episodes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_episodes_v_rels" ADD CONSTRAINT "_episodes_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_episodes_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_episodes_v_rels" ADD CONSTRAINT "_episodes_v_rels_guests_fk" FOREIGN KEY ("guests_id") REFERENCES "public"."guests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_episodes_v_rels" ADD CONSTRAINT "_episodes_v_rels_speakers_fk" FOREIGN KEY ("speakers_id") REFERENCES "public"."speakers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "guests_links" ADD CONSTRAINT "guests_links_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."guests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "guests" ADD CONSTRAINT "guests_photo_id_media_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "speakers_aliases" ADD CONSTRAINT "speakers_aliases_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."speakers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "speakers" ADD CONSTRAINT "speakers_guest_id_guests_id_fk" FOREIGN KEY ("guest_id") REFERENCES "public"."guests"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transcript_turns" ADD CONSTRAINT "transcript_turns_episode_id_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episodes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transcript_turns" ADD CONSTRAINT "transcript_turns_speaker_id_speakers_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."speakers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transcript_imports" ADD CONSTRAINT "transcript_imports_episode_id_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episodes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transcript_imports" ADD CONSTRAINT "transcript_imports_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "users_roles" ADD CONSTRAINT "users_roles_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_episodes_fk" FOREIGN KEY ("episodes_id") REFERENCES "public"."episodes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_guests_fk" FOREIGN KEY ("guests_id") REFERENCES "public"."guests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_speakers_fk" FOREIGN KEY ("speakers_id") REFERENCES "public"."speakers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_transcript_turns_fk" FOREIGN KEY ("transcript_turns_id") REFERENCES "public"."transcript_turns"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_transcript_imports_fk" FOREIGN KEY ("transcript_imports_id") REFERENCES "public"."transcript_imports"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "episodes_workflow_history_order_idx" ON "episodes_workflow_history" USING btree ("_order");
  CREATE INDEX "episodes_workflow_history_parent_id_idx" ON "episodes_workflow_history" USING btree ("_parent_id");
  CREATE INDEX "episodes_workflow_history_by_idx" ON "episodes_workflow_history" USING btree ("by_id");
  CREATE INDEX "episodes_episode_number_idx" ON "episodes" USING btree ("episode_number");
  CREATE INDEX "episodes_transcript_transcript_source_checksum_idx" ON "episodes" USING btree ("transcript_source_checksum");
  CREATE UNIQUE INDEX "episodes_slug_idx" ON "episodes" USING btree ("slug");
  CREATE INDEX "episodes_published_at_idx" ON "episodes" USING btree ("published_at");
  CREATE INDEX "episodes_workflow_status_idx" ON "episodes" USING btree ("workflow_status");
  CREATE INDEX "episodes_updated_at_idx" ON "episodes" USING btree ("updated_at");
  CREATE INDEX "episodes_created_at_idx" ON "episodes" USING btree ("created_at");
  CREATE INDEX "episodes__status_idx" ON "episodes" USING btree ("_status");
  CREATE INDEX "episodes_rels_order_idx" ON "episodes_rels" USING btree ("order");
  CREATE INDEX "episodes_rels_parent_idx" ON "episodes_rels" USING btree ("parent_id");
  CREATE INDEX "episodes_rels_path_idx" ON "episodes_rels" USING btree ("path");
  CREATE INDEX "episodes_rels_guests_id_idx" ON "episodes_rels" USING btree ("guests_id");
  CREATE INDEX "episodes_rels_speakers_id_idx" ON "episodes_rels" USING btree ("speakers_id");
  CREATE INDEX "_episodes_v_version_workflow_history_order_idx" ON "_episodes_v_version_workflow_history" USING btree ("_order");
  CREATE INDEX "_episodes_v_version_workflow_history_parent_id_idx" ON "_episodes_v_version_workflow_history" USING btree ("_parent_id");
  CREATE INDEX "_episodes_v_version_workflow_history_by_idx" ON "_episodes_v_version_workflow_history" USING btree ("by_id");
  CREATE INDEX "_episodes_v_parent_idx" ON "_episodes_v" USING btree ("parent_id");
  CREATE INDEX "_episodes_v_version_version_episode_number_idx" ON "_episodes_v" USING btree ("version_episode_number");
  CREATE INDEX "_episodes_v_version_transcript_version_transcript_source_idx" ON "_episodes_v" USING btree ("version_transcript_source_checksum");
  CREATE INDEX "_episodes_v_version_version_slug_idx" ON "_episodes_v" USING btree ("version_slug");
  CREATE INDEX "_episodes_v_version_version_published_at_idx" ON "_episodes_v" USING btree ("version_published_at");
  CREATE INDEX "_episodes_v_version_version_workflow_status_idx" ON "_episodes_v" USING btree ("version_workflow_status");
  CREATE INDEX "_episodes_v_version_version_updated_at_idx" ON "_episodes_v" USING btree ("version_updated_at");
  CREATE INDEX "_episodes_v_version_version_created_at_idx" ON "_episodes_v" USING btree ("version_created_at");
  CREATE INDEX "_episodes_v_version_version__status_idx" ON "_episodes_v" USING btree ("version__status");
  CREATE INDEX "_episodes_v_created_at_idx" ON "_episodes_v" USING btree ("created_at");
  CREATE INDEX "_episodes_v_updated_at_idx" ON "_episodes_v" USING btree ("updated_at");
  CREATE INDEX "_episodes_v_latest_idx" ON "_episodes_v" USING btree ("latest");
  CREATE INDEX "_episodes_v_rels_order_idx" ON "_episodes_v_rels" USING btree ("order");
  CREATE INDEX "_episodes_v_rels_parent_idx" ON "_episodes_v_rels" USING btree ("parent_id");
  CREATE INDEX "_episodes_v_rels_path_idx" ON "_episodes_v_rels" USING btree ("path");
  CREATE INDEX "_episodes_v_rels_guests_id_idx" ON "_episodes_v_rels" USING btree ("guests_id");
  CREATE INDEX "_episodes_v_rels_speakers_id_idx" ON "_episodes_v_rels" USING btree ("speakers_id");
  CREATE INDEX "guests_links_order_idx" ON "guests_links" USING btree ("_order");
  CREATE INDEX "guests_links_parent_id_idx" ON "guests_links" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "guests_slug_idx" ON "guests" USING btree ("slug");
  CREATE INDEX "guests_photo_idx" ON "guests" USING btree ("photo_id");
  CREATE INDEX "guests_appears_in_published_idx" ON "guests" USING btree ("appears_in_published");
  CREATE INDEX "guests_updated_at_idx" ON "guests" USING btree ("updated_at");
  CREATE INDEX "guests_created_at_idx" ON "guests" USING btree ("created_at");
  CREATE INDEX "speakers_aliases_order_idx" ON "speakers_aliases" USING btree ("_order");
  CREATE INDEX "speakers_aliases_parent_id_idx" ON "speakers_aliases" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "speakers_aliases_normalized_idx" ON "speakers_aliases" USING btree ("normalized");
  CREATE UNIQUE INDEX "speakers_slug_idx" ON "speakers" USING btree ("slug");
  CREATE INDEX "speakers_role_idx" ON "speakers" USING btree ("role");
  CREATE INDEX "speakers_guest_idx" ON "speakers" USING btree ("guest_id");
  CREATE INDEX "speakers_appears_in_published_idx" ON "speakers" USING btree ("appears_in_published");
  CREATE INDEX "speakers_updated_at_idx" ON "speakers" USING btree ("updated_at");
  CREATE INDEX "speakers_created_at_idx" ON "speakers" USING btree ("created_at");
  CREATE INDEX "transcript_turns_episode_idx" ON "transcript_turns" USING btree ("episode_id");
  CREATE INDEX "transcript_turns_speaker_idx" ON "transcript_turns" USING btree ("speaker_id");
  CREATE INDEX "transcript_turns_updated_at_idx" ON "transcript_turns" USING btree ("updated_at");
  CREATE INDEX "transcript_turns_created_at_idx" ON "transcript_turns" USING btree ("created_at");
  CREATE UNIQUE INDEX "episode_position_idx" ON "transcript_turns" USING btree ("episode_id","position");
  CREATE INDEX "transcript_imports_outcome_idx" ON "transcript_imports" USING btree ("outcome");
  CREATE INDEX "transcript_imports_episode_idx" ON "transcript_imports" USING btree ("episode_id");
  CREATE INDEX "transcript_imports_imported_by_idx" ON "transcript_imports" USING btree ("imported_by_id");
  CREATE INDEX "transcript_imports_updated_at_idx" ON "transcript_imports" USING btree ("updated_at");
  CREATE INDEX "transcript_imports_created_at_idx" ON "transcript_imports" USING btree ("created_at");
  CREATE UNIQUE INDEX "transcript_imports_filename_idx" ON "transcript_imports" USING btree ("filename");
  CREATE INDEX "users_roles_order_idx" ON "users_roles" USING btree ("order");
  CREATE INDEX "users_roles_parent_idx" ON "users_roles" USING btree ("parent_id");
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_episodes_id_idx" ON "payload_locked_documents_rels" USING btree ("episodes_id");
  CREATE INDEX "payload_locked_documents_rels_guests_id_idx" ON "payload_locked_documents_rels" USING btree ("guests_id");
  CREATE INDEX "payload_locked_documents_rels_speakers_id_idx" ON "payload_locked_documents_rels" USING btree ("speakers_id");
  CREATE INDEX "payload_locked_documents_rels_transcript_turns_id_idx" ON "payload_locked_documents_rels" USING btree ("transcript_turns_id");
  CREATE INDEX "payload_locked_documents_rels_transcript_imports_id_idx" ON "payload_locked_documents_rels" USING btree ("transcript_imports_id");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "episodes_workflow_history" CASCADE;
  DROP TABLE "episodes" CASCADE;
  DROP TABLE "episodes_rels" CASCADE;
  DROP TABLE "_episodes_v_version_workflow_history" CASCADE;
  DROP TABLE "_episodes_v" CASCADE;
  DROP TABLE "_episodes_v_rels" CASCADE;
  DROP TABLE "guests_links" CASCADE;
  DROP TABLE "guests" CASCADE;
  DROP TABLE "speakers_aliases" CASCADE;
  DROP TABLE "speakers" CASCADE;
  DROP TABLE "transcript_turns" CASCADE;
  DROP TABLE "transcript_imports" CASCADE;
  DROP TABLE "users_roles" CASCADE;
  DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "media" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."enum_episodes_episode_type";
  DROP TYPE "public"."enum_episodes_workflow_status";
  DROP TYPE "public"."enum_episodes_status";
  DROP TYPE "public"."enum__episodes_v_version_episode_type";
  DROP TYPE "public"."enum__episodes_v_version_workflow_status";
  DROP TYPE "public"."enum__episodes_v_version_status";
  DROP TYPE "public"."enum_speakers_role";
  DROP TYPE "public"."enum_transcript_imports_status_override";
  DROP TYPE "public"."enum_transcript_imports_outcome";
  DROP TYPE "public"."enum_users_roles";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
