import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "transcript_turns" ADD COLUMN "search" "tsvector";
  ALTER TABLE "transcript_turns" ADD COLUMN "search_config" text;
  CREATE INDEX "transcript_turns_search_idx" ON "transcript_turns" USING gin ("search");`)
  // Every turn there is, in its transcript's language (the map of src/search/config, frozen here);
  // markers are structure, not speech, and get no vector.
  await db.execute(sql`
    UPDATE "transcript_turns" t
    SET search_config = c.config,
        search = CASE WHEN t.kind::text = 'marker' THEN NULL ELSE to_tsvector(c.config::regconfig, translate(t.text, '<>', '  ')) END
    FROM (SELECT e.id, CASE lower(split_part(coalesce(e.transcript_language, ''), '-', 1)) WHEN 'ar' THEN 'arabic' WHEN 'ca' THEN 'catalan' WHEN 'da' THEN 'danish' WHEN 'de' THEN 'german' WHEN 'el' THEN 'greek' WHEN 'en' THEN 'english' WHEN 'es' THEN 'spanish' WHEN 'eu' THEN 'basque' WHEN 'fi' THEN 'finnish' WHEN 'fr' THEN 'french' WHEN 'ga' THEN 'irish' WHEN 'hi' THEN 'hindi' WHEN 'hu' THEN 'hungarian' WHEN 'hy' THEN 'armenian' WHEN 'id' THEN 'indonesian' WHEN 'it' THEN 'italian' WHEN 'lt' THEN 'lithuanian' WHEN 'ne' THEN 'nepali' WHEN 'nl' THEN 'dutch' WHEN 'no' THEN 'norwegian' WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian' WHEN 'ru' THEN 'russian' WHEN 'sr' THEN 'serbian' WHEN 'sv' THEN 'swedish' WHEN 'ta' THEN 'tamil' WHEN 'tr' THEN 'turkish' WHEN 'yi' THEN 'yiddish' ELSE 'simple' END AS config
          FROM "episodes" e) c
    WHERE c.id = t.episode_id`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "transcript_turns_search_idx";
  ALTER TABLE "transcript_turns" DROP COLUMN "search";
  ALTER TABLE "transcript_turns" DROP COLUMN "search_config";`)
}
