import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

import { mergeSpeakerRows } from '../src/db/merge'
import { normalizeAlias } from '../src/utilities/normalizeAlias'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_merges_kind" AS ENUM('speaker', 'guest');
  CREATE TABLE "merges" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"kind" "enum_merges_kind" NOT NULL,
  	"from_id" varchar NOT NULL,
  	"from_name" varchar,
  	"into_id" varchar NOT NULL,
  	"into_name" varchar,
  	"moved_turns" numeric DEFAULT 0,
  	"moved_aliases" numeric DEFAULT 0,
  	"moved_episodes" numeric DEFAULT 0,
  	"moved_speakers" numeric DEFAULT 0,
  	"merged_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "merges_id" integer;
  ALTER TABLE "merges" ADD CONSTRAINT "merges_merged_by_id_users_id_fk" FOREIGN KEY ("merged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "merges_kind_idx" ON "merges" USING btree ("kind");
  CREATE INDEX "merges_from_id_idx" ON "merges" USING btree ("from_id");
  CREATE INDEX "merges_into_id_idx" ON "merges" USING btree ("into_id");
  CREATE INDEX "merges_merged_by_idx" ON "merges" USING btree ("merged_by_id");
  CREATE INDEX "merges_updated_at_idx" ON "merges" USING btree ("updated_at");
  CREATE INDEX "merges_created_at_idx" ON "merges" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_merges_fk" FOREIGN KEY ("merges_id") REFERENCES "public"."merges"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_merges_id_idx" ON "payload_locked_documents_rels" USING btree ("merges_id");`)

  // Aliases normalise further now (degrees, suffixes, middle initials): "Mireille B. Reece, Psy.D" and
  // "Mireille Reece, PsyD" are one key. Speakers whose aliases now collide are one person: merged into the
  // oldest, as the merge endpoint merges (it is the plugin's code, not a frozen copy, for that reason), and
  // recorded in merges.
  type Alias = { id: string; label: string; normalized: string; parent: number }
  const aliasesNow = async () =>
    (await db.execute<Alias>(sql`SELECT id, label, normalized, _parent_id AS parent FROM "speakers_aliases" ORDER BY _parent_id, _order`)).rows
  const owners = new Map<string, Set<number>>()
  for (const alias of await aliasesNow()) {
    const key = normalizeAlias(alias.label)
    if (!owners.has(key)) owners.set(key, new Set())
    owners.get(key)?.add(alias.parent)
  }
  const merged = new Set<number>()
  for (const [key, parents] of owners) {
    const [into, ...others] = [...parents].filter((id) => !merged.has(id)).sort((a, b) => a - b)
    for (const from of others) {
      const names = (await db.execute<{ id: number; name: string }>(sql`SELECT id, name FROM "speakers" WHERE id IN (${from}, ${into})`)).rows
      const moved = await mergeSpeakerRows(payload, req, from, into)
      merged.add(from)
      await payload.create({
        collection: 'merges',
        data: {
          fromId: String(from),
          fromName: names.find((row) => row.id === from)?.name,
          intoId: String(into),
          intoName: names.find((row) => row.id === into)?.name,
          kind: 'speaker',
          moved,
        },
        req,
      })
      payload.logger.info({ alias: key, from, into, moved, msg: 'people migration: merged speakers whose aliases are now one' })
    }
  }
  // One alias per key and speaker, then the new keys: through unique placeholders first, so no row
  // meets another's old key on the unique index on the way.
  const seen = new Set<string>()
  const changed: Alias[] = []
  for (const alias of await aliasesNow()) {
    const key = normalizeAlias(alias.label)
    if (seen.has(key)) {
      await db.execute(sql`DELETE FROM "speakers_aliases" WHERE id = ${alias.id}`)
      continue
    }
    seen.add(key)
    if (key !== alias.normalized) changed.push({ ...alias, normalized: key })
  }
  for (const alias of changed) await db.execute(sql`UPDATE "speakers_aliases" SET normalized = ${`\u0001${alias.id}`} WHERE id = ${alias.id}`)
  for (const alias of changed) await db.execute(sql`UPDATE "speakers_aliases" SET normalized = ${alias.normalized} WHERE id = ${alias.id}`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "merges" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "merges" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_merges_fk";
  
  DROP INDEX "payload_locked_documents_rels_merges_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "merges_id";
  DROP TYPE "public"."enum_merges_kind";`)
}
