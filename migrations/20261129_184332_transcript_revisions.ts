import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "transcript_revisions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"episode_id" integer,
  	"turn_count" numeric DEFAULT 0,
  	"word_count" numeric DEFAULT 0,
  	"source_format" varchar,
  	"source_file" varchar,
  	"source_checksum" varchar,
  	"is_current" boolean DEFAULT false,
  	"is_published" boolean DEFAULT false,
  	"is_latest" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  DROP INDEX "episode_position_idx";
  ALTER TABLE "episodes" ADD COLUMN "transcript_revision_id" integer;
  ALTER TABLE "_episodes_v" ADD COLUMN "version_transcript_revision_id" integer;
  ALTER TABLE "transcript_turns" ADD COLUMN "revision_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "transcript_revisions_id" integer;
  ALTER TABLE "transcript_revisions" ADD CONSTRAINT "transcript_revisions_episode_id_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episodes"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "transcript_revisions_episode_idx" ON "transcript_revisions" USING btree ("episode_id");
  CREATE INDEX "transcript_revisions_updated_at_idx" ON "transcript_revisions" USING btree ("updated_at");
  CREATE INDEX "transcript_revisions_created_at_idx" ON "transcript_revisions" USING btree ("created_at");
  ALTER TABLE "episodes" ADD CONSTRAINT "episodes_transcript_revision_id_transcript_revisions_id_fk" FOREIGN KEY ("transcript_revision_id") REFERENCES "public"."transcript_revisions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_episodes_v" ADD CONSTRAINT "_episodes_v_version_transcript_revision_id_transcript_revisions_id_fk" FOREIGN KEY ("version_transcript_revision_id") REFERENCES "public"."transcript_revisions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "transcript_turns" ADD CONSTRAINT "transcript_turns_revision_id_transcript_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."transcript_revisions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_transcript_revisions_fk" FOREIGN KEY ("transcript_revisions_id") REFERENCES "public"."transcript_revisions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "episodes_transcript_transcript_revision_idx" ON "episodes" USING btree ("transcript_revision_id");
  CREATE INDEX "_episodes_v_version_transcript_version_transcript_revisi_idx" ON "_episodes_v" USING btree ("version_transcript_revision_id");
  CREATE INDEX "transcript_turns_revision_idx" ON "transcript_turns" USING btree ("revision_id");
  CREATE UNIQUE INDEX "revision_position_idx" ON "transcript_turns" USING btree ("revision_id","position");
  CREATE INDEX "payload_locked_documents_rels_transcript_revisions_id_idx" ON "payload_locked_documents_rels" USING btree ("transcript_revisions_id");`)

  // Existing data: each episode's turns become its one revision, which its main document and every
  // version point to, with counts taken from the turns themselves (a draft re-import used to leave the
  // published document's counts describing turns that were gone). The source metadata is the latest
  // version's: the last import wrote the turns there is.
  await db.execute(sql`
  INSERT INTO "transcript_revisions" ("episode_id", "turn_count", "word_count", "source_format", "source_file", "source_checksum")
  SELECT e."id",
         (SELECT count(*) FROM "transcript_turns" t WHERE t."episode_id" = e."id"),
         (SELECT coalesce(sum(t."word_count"), 0) FROM "transcript_turns" t WHERE t."episode_id" = e."id"),
         coalesce(v."version_transcript_source_format", e."transcript_source_format"),
         coalesce(v."version_transcript_source_file", e."transcript_source_file"),
         coalesce(v."version_transcript_source_checksum", e."transcript_source_checksum")
  FROM "episodes" e
  LEFT JOIN LATERAL (
    SELECT * FROM "_episodes_v" v WHERE v."parent_id" = e."id" AND v."latest" ORDER BY v."id" DESC LIMIT 1
  ) v ON true;

  UPDATE "transcript_turns" t SET "revision_id" = r."id" FROM "transcript_revisions" r WHERE r."episode_id" = t."episode_id";

  UPDATE "episodes" e
  SET "transcript_revision_id" = r."id", "transcript_turn_count" = r."turn_count", "transcript_word_count" = r."word_count"
  FROM "transcript_revisions" r WHERE r."episode_id" = e."id";

  UPDATE "_episodes_v" v
  SET "version_transcript_revision_id" = r."id", "version_transcript_turn_count" = r."turn_count",
      "version_transcript_word_count" = r."word_count"
  FROM "transcript_revisions" r WHERE r."episode_id" = v."parent_id";

  UPDATE "transcript_revisions" r
  SET "is_current" = true, "is_latest" = true, "is_published" = (e."_status" = 'published')
  FROM "episodes" e WHERE e."id" = r."episode_id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "transcript_revisions" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "transcript_revisions" CASCADE;
  ALTER TABLE "episodes" DROP CONSTRAINT "episodes_transcript_revision_id_transcript_revisions_id_fk";
  
  ALTER TABLE "_episodes_v" DROP CONSTRAINT "_episodes_v_version_transcript_revision_id_transcript_revisions_id_fk";
  
  ALTER TABLE "transcript_turns" DROP CONSTRAINT "transcript_turns_revision_id_transcript_revisions_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_transcript_revisions_fk";
  
  DROP INDEX "episodes_transcript_transcript_revision_idx";
  DROP INDEX "_episodes_v_version_transcript_version_transcript_revisi_idx";
  DROP INDEX "transcript_turns_revision_idx";
  DROP INDEX "revision_position_idx";
  DROP INDEX "payload_locked_documents_rels_transcript_revisions_id_idx";
  CREATE UNIQUE INDEX "episode_position_idx" ON "transcript_turns" USING btree ("episode_id","position");
  ALTER TABLE "episodes" DROP COLUMN "transcript_revision_id";
  ALTER TABLE "_episodes_v" DROP COLUMN "version_transcript_revision_id";
  ALTER TABLE "transcript_turns" DROP COLUMN "revision_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "transcript_revisions_id";`)
}
