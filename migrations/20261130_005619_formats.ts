import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "transcript_imports" ADD COLUMN "attach_to_id" integer;
  ALTER TABLE "transcript_import_batches" ADD COLUMN "attach_to" varchar;
  ALTER TABLE "transcript_import_batches_files" ADD COLUMN "sidecar" "bytea";
  ALTER TABLE "transcript_imports" ADD CONSTRAINT "transcript_imports_attach_to_id_episodes_id_fk" FOREIGN KEY ("attach_to_id") REFERENCES "public"."episodes"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "transcript_imports_attach_to_idx" ON "transcript_imports" USING btree ("attach_to_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "transcript_imports" DROP CONSTRAINT "transcript_imports_attach_to_id_episodes_id_fk";
  
  DROP INDEX "transcript_imports_attach_to_idx";
  ALTER TABLE "transcript_imports" DROP COLUMN "attach_to_id";
  ALTER TABLE "transcript_import_batches" DROP COLUMN "attach_to";
  ALTER TABLE "transcript_import_batches_files" DROP COLUMN "sidecar";`)
}
