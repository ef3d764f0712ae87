import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "episodes" ADD COLUMN "search" "tsvector";
  ALTER TABLE "episodes" ADD COLUMN "search_config" text;
  CREATE INDEX "episodes_search_idx" ON "episodes" USING gin ("search");`)
  // Every episode's main document (the published version while it is live): title A, summary B, the show
  // notes' Lexical text nodes C, in its transcript's language (src/search/config's map, frozen here).
  await db.execute(sql`
    UPDATE "episodes" SET search_config = c.config,
      search = setweight(to_tsvector(c.config::regconfig, translate(coalesce(title, ''), '<>', '  ')), 'A')
        || setweight(to_tsvector(c.config::regconfig, translate(coalesce(summary, ''), '<>', '  ')), 'B')
        || setweight(to_tsvector(c.config::regconfig, translate(coalesce((SELECT string_agg(x #>> '{}', ' ') FROM jsonb_path_query(show_notes, 'strict $.**.text ? (@.type() == "string")') x), ''), '<>', '  ')), 'C')
    FROM (SELECT id, CASE lower(split_part(coalesce(transcript_language, ''), '-', 1)) WHEN 'ar' THEN 'arabic' WHEN 'ca' THEN 'catalan' WHEN 'da' THEN 'danish' WHEN 'de' THEN 'german' WHEN 'el' THEN 'greek' WHEN 'en' THEN 'english' WHEN 'es' THEN 'spanish' WHEN 'eu' THEN 'basque' WHEN 'fi' THEN 'finnish' WHEN 'fr' THEN 'french' WHEN 'ga' THEN 'irish' WHEN 'hi' THEN 'hindi' WHEN 'hu' THEN 'hungarian' WHEN 'hy' THEN 'armenian' WHEN 'id' THEN 'indonesian' WHEN 'it' THEN 'italian' WHEN 'lt' THEN 'lithuanian' WHEN 'ne' THEN 'nepali' WHEN 'nl' THEN 'dutch' WHEN 'no' THEN 'norwegian' WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian' WHEN 'ru' THEN 'russian' WHEN 'sr' THEN 'serbian' WHEN 'sv' THEN 'swedish' WHEN 'ta' THEN 'tamil' WHEN 'tr' THEN 'turkish' WHEN 'yi' THEN 'yiddish' ELSE 'simple' END AS config FROM "episodes") c
    WHERE c.id = "episodes".id`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "episodes_search_idx";
  ALTER TABLE "episodes" DROP COLUMN "search";
  ALTER TABLE "episodes" DROP COLUMN "search_config";`)
}
