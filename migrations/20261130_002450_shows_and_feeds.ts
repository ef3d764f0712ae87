import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_shows_type" AS ENUM('episodic', 'serial');
  CREATE TABLE "shows_categories" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"category" varchar NOT NULL,
  	"subcategory" varchar
  );
  
  CREATE TABLE "shows_funding" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"url" varchar NOT NULL,
  	"label" varchar
  );
  
  CREATE TABLE "shows" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"slug" varchar,
  	"description" varchar,
  	"language" varchar DEFAULT 'en',
  	"author" varchar,
  	"link" varchar,
  	"copyright" varchar,
  	"artwork_id" integer,
  	"owner_name" varchar,
  	"owner_email" varchar,
  	"explicit" boolean DEFAULT false,
  	"type" "enum_shows_type" DEFAULT 'episodic',
  	"podcast_guid" varchar,
  	"locked" boolean DEFAULT false,
  	"new_feed_url" varchar,
  	"block" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "shows_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"speakers_id" integer
  );
  
  CREATE TABLE "episodes_chapters" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"start_time" numeric,
  	"title" varchar,
  	"url" varchar,
  	"image" varchar
  );
  
  CREATE TABLE "_episodes_v_version_chapters" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"start_time" numeric,
  	"title" varchar,
  	"url" varchar,
  	"image" varchar,
  	"_uuid" varchar
  );
  
  ALTER TABLE "episodes" ADD COLUMN "explicit" boolean DEFAULT false;
  ALTER TABLE "episodes" ADD COLUMN "image" varchar;
  ALTER TABLE "episodes" ADD COLUMN "show_id" integer;
  ALTER TABLE "episodes" ADD COLUMN "guid" varchar;
  ALTER TABLE "_episodes_v" ADD COLUMN "version_explicit" boolean DEFAULT false;
  ALTER TABLE "_episodes_v" ADD COLUMN "version_image" varchar;
  ALTER TABLE "_episodes_v" ADD COLUMN "version_show_id" integer;
  ALTER TABLE "_episodes_v" ADD COLUMN "version_guid" varchar;
  ALTER TABLE "transcript_import_batches" ADD COLUMN "show" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "shows_id" integer;
  ALTER TABLE "shows_categories" ADD CONSTRAINT "shows_categories_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."shows"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "shows_funding" ADD CONSTRAINT "shows_funding_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."shows"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "shows" ADD CONSTRAINT "shows_artwork_id_media_id_fk" FOREIGN KEY ("artwork_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "shows_rels" ADD CONSTRAINT "shows_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."shows"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "shows_rels" ADD CONSTRAINT "shows_rels_speakers_fk" FOREIGN KEY ("speakers_id") REFERENCES "public"."speakers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "episodes_chapters" ADD CONSTRAINT "episodes_chapters_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."episodes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_episodes_v_version_chapters" ADD CONSTRAINT "_episodes_v_version_chapters_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_episodes_v"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "shows_categories_order_idx" ON "shows_categories" USING btree ("_order");
  CREATE INDEX "shows_categories_parent_id_idx" ON "shows_categories" USING btree ("_parent_id");
  CREATE INDEX "shows_funding_order_idx" ON "shows_funding" USING btree ("_order");
  CREATE INDEX "shows_funding_parent_id_idx" ON "shows_funding" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "shows_slug_idx" ON "shows" USING btree ("slug");
  CREATE INDEX "shows_artwork_idx" ON "shows" USING btree ("artwork_id");
  CREATE INDEX "shows_podcast_guid_idx" ON "shows" USING btree ("podcast_guid");
  CREATE INDEX "shows_updated_at_idx" ON "shows" USING btree ("updated_at");
  CREATE INDEX "shows_created_at_idx" ON "shows" USING btree ("created_at");
  CREATE INDEX "shows_rels_order_idx" ON "shows_rels" USING btree ("order");
  CREATE INDEX "shows_rels_parent_idx" ON "shows_rels" USING btree ("parent_id");
  CREATE INDEX "shows_rels_path_idx" ON "shows_rels" USING btree ("path");
  CREATE INDEX "shows_rels_speakers_id_idx" ON "shows_rels" USING btree ("speakers_id");
  CREATE INDEX "episodes_chapters_order_idx" ON "episodes_chapters" USING btree ("_order");
  CREATE INDEX "episodes_chapters_parent_id_idx" ON "episodes_chapters" USING btree ("_parent_id");
  CREATE INDEX "_episodes_v_version_chapters_order_idx" ON "_episodes_v_version_chapters" USING btree ("_order");
  CREATE INDEX "_episodes_v_version_chapters_parent_id_idx" ON "_episodes_v_version_chapters" USING btree ("_parent_id");
  ALTER TABLE "episodes" ADD CONSTRAINT "episodes_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_episodes_v" ADD CONSTRAINT "_episodes_v_version_show_id_shows_id_fk" FOREIGN KEY ("version_show_id") REFERENCES "public"."shows"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_shows_fk" FOREIGN KEY ("shows_id") REFERENCES "public"."shows"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "episodes_show_idx" ON "episodes" USING btree ("show_id");
  CREATE UNIQUE INDEX "episodes_guid_idx" ON "episodes" USING btree ("guid");
  CREATE INDEX "_episodes_v_version_version_show_idx" ON "_episodes_v" USING btree ("version_show_id");
  CREATE INDEX "_episodes_v_version_version_guid_idx" ON "_episodes_v" USING btree ("version_guid");
  CREATE INDEX "payload_locked_documents_rels_shows_id_idx" ON "payload_locked_documents_rels" USING btree ("shows_id");`)
  // Episodes from before shows join the default show (made from the plugin's defaultShow option) and
  // get their feed guid, generated once; their versions carry the same, so single-show apps change nothing.
  const { rows } = await db.execute(sql`SELECT EXISTS (SELECT 1 FROM "episodes") AS "any"`)
  if (!rows[0]?.any) return
  const defaults = (payload.config.custom?.podcast as undefined | { defaultShow?: Record<string, string> })?.defaultShow ?? {}
  const show = await payload.create({
    collection: 'shows',
    data: {
      author: defaults.author || undefined,
      description: defaults.description || undefined,
      language: defaults.language || 'en',
      title: defaults.title || 'Podcast',
    },
    req,
  })
  // One statement each: a parameterised query holds a single command.
  await db.execute(sql`UPDATE "episodes" SET "show_id" = ${show.id} WHERE "show_id" IS NULL`)
  await db.execute(sql`UPDATE "episodes" SET "guid" = gen_random_uuid()::text WHERE "guid" IS NULL`)
  await db.execute(
    sql`UPDATE "_episodes_v" v SET "version_show_id" = e."show_id", "version_guid" = e."guid" FROM "episodes" e WHERE v."parent_id" = e."id"`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "shows_categories" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shows_funding" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shows" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "shows_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "episodes_chapters" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_episodes_v_version_chapters" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "shows_categories" CASCADE;
  DROP TABLE "shows_funding" CASCADE;
  DROP TABLE "shows" CASCADE;
  DROP TABLE "shows_rels" CASCADE;
  DROP TABLE "episodes_chapters" CASCADE;
  DROP TABLE "_episodes_v_version_chapters" CASCADE;
  ALTER TABLE "episodes" DROP CONSTRAINT "episodes_show_id_shows_id_fk";
  
  ALTER TABLE "_episodes_v" DROP CONSTRAINT "_episodes_v_version_show_id_shows_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_shows_fk";
  
  DROP INDEX "episodes_show_idx";
  DROP INDEX "episodes_guid_idx";
  DROP INDEX "_episodes_v_version_version_show_idx";
  DROP INDEX "_episodes_v_version_version_guid_idx";
  DROP INDEX "payload_locked_documents_rels_shows_id_idx";
  ALTER TABLE "episodes" DROP COLUMN "explicit";
  ALTER TABLE "episodes" DROP COLUMN "image";
  ALTER TABLE "episodes" DROP COLUMN "show_id";
  ALTER TABLE "episodes" DROP COLUMN "guid";
  ALTER TABLE "_episodes_v" DROP COLUMN "version_explicit";
  ALTER TABLE "_episodes_v" DROP COLUMN "version_image";
  ALTER TABLE "_episodes_v" DROP COLUMN "version_show_id";
  ALTER TABLE "_episodes_v" DROP COLUMN "version_guid";
  ALTER TABLE "transcript_import_batches" DROP COLUMN "show";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "shows_id";
  DROP TYPE "public"."enum_shows_type";`)
}
