import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`ALTER TABLE "transcript_turns" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL`)
  // Each turn's copy of its revision's isPublished (src/db/revisions syncRevisionFlags keeps it), before the index.
  await db.execute(sql`
    UPDATE "transcript_turns" t SET is_public = true
    FROM "transcript_revisions" r WHERE r.id = t.revision_id AND r.is_published`)
  await db.execute(sql`
  CREATE INDEX "transcript_turns_public_search_idx" ON "transcript_turns" USING gin ("search") WHERE "transcript_turns"."is_public";`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "transcript_turns_public_search_idx";
  ALTER TABLE "transcript_turns" DROP COLUMN "is_public";`)
}
