import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  // Trusted since Postgres 13: a database owner may create it. The adapter creates it on connect too (db/schema).
  await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`)
  await db.execute(sql`
   CREATE TABLE "podcast_search_words" (
  	"word" text PRIMARY KEY NOT NULL,
  	"documents" integer DEFAULT 0 NOT NULL
  );
  
  CREATE INDEX "podcast_search_words_trgm_idx" ON "podcast_search_words" USING gin ("word" gin_trgm_ops);`)
  // The published vocabulary as it stands (src/db/suggest rebuildSearchWords, frozen here).
  await db.execute(sql`
    INSERT INTO "podcast_search_words" (word, documents)
    SELECT u.lexeme, count(*) FROM (
      SELECT to_tsvector('simple', translate(t.text, '<>', '  ')) AS v FROM "transcript_turns" t
      WHERE t.kind IS DISTINCT FROM 'marker' AND t.revision_id IN (
        SELECT r.id FROM "transcript_revisions" r JOIN "episodes" e ON e.id = r.episode_id WHERE r.is_published AND e._status = 'published')
      UNION ALL
      SELECT to_tsvector('simple', translate(coalesce(e.title, '') || ' ' || coalesce(e.summary, '') || ' ' ||
        coalesce((SELECT string_agg(x #>> '{}', ' ') FROM jsonb_path_query(e.show_notes, 'strict $.**.text ? (@.type() == "string")') x), ''), '<>', '  '))
      FROM "episodes" e WHERE e._status = 'published'
    ) d, unnest(d.v) u
    WHERE u.lexeme ~ '^[[:alpha:]]{3,40}$'
    GROUP BY u.lexeme`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "podcast_search_words" CASCADE;`)
}
