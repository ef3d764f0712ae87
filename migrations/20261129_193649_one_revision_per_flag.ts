import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE UNIQUE INDEX "transcript_revisions_one_is_current_idx" ON "transcript_revisions" USING btree ("episode_id") WHERE "transcript_revisions"."is_current";
  CREATE UNIQUE INDEX "transcript_revisions_one_is_latest_idx" ON "transcript_revisions" USING btree ("episode_id") WHERE "transcript_revisions"."is_latest";
  CREATE UNIQUE INDEX "transcript_revisions_one_is_published_idx" ON "transcript_revisions" USING btree ("episode_id") WHERE "transcript_revisions"."is_published";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "transcript_revisions_one_is_current_idx";
  DROP INDEX "transcript_revisions_one_is_latest_idx";
  DROP INDEX "transcript_revisions_one_is_published_idx";`)
}
