import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// As the plugin normalises labels (utilities/normalizeAlias), frozen here with the migration.
const normalize = (label: string) =>
  label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

const DEFAULT_LABELS = ['break', 'ad', 'ads', 'sponsor', 'sponsors', 'intro', 'outro', 'jingle', 'music', 'theme', 'cold open', 'promo']
const DEFAULT_PREFIXES = ['clip from', 'sound sample']

export async function up({ db, payload }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_transcript_turns_kind" AS ENUM('speech', 'marker');
  ALTER TABLE "transcript_turns" ADD COLUMN "kind" "enum_transcript_turns_kind" DEFAULT 'speech';`)

  // Speakers the importer made of structure ("Break", "Outro") before markers existed: their turns become
  // markers (the label kept), and they, their guest profiles and their links to episodes go.
  const markers = (payload.config.custom?.podcast as undefined | { markers?: { labels: string[]; prefixes: string[] } })?.markers
  const labels = markers?.labels ?? DEFAULT_LABELS
  const prefixes = markers?.prefixes ?? DEFAULT_PREFIXES
  const isMarker = (name: string) => {
    const label = normalize(name)
    return Boolean(label) && (labels.some((word) => label === word || label.endsWith(` ${word}`)) || prefixes.some((p) => label === p || label.startsWith(`${p} `)))
  }
  const { rows } = await db.execute<{ guest_id: null | number; id: number; name: string }>(sql`SELECT id, name, guest_id FROM "speakers"`)
  const speakers = rows.filter((row) => isMarker(row.name))
  if (!speakers.length) return
  const speakerIds = speakers.map((row) => row.id)
  const { rows: kept } = await db.execute<{ guest_id: number }>(
    sql`SELECT DISTINCT guest_id FROM "speakers" WHERE guest_id IS NOT NULL AND NOT (id = ANY(${sql.param(speakerIds)}::integer[]))`,
  )
  // A guest profile goes only when no other voice is that person.
  const guestIds = speakers.map((row) => row.guest_id).filter((id): id is number => id !== null && !kept.some((row) => row.guest_id === id))
  const { rows: revisions } = await db.execute<{ revision_id: number }>(
    sql`SELECT DISTINCT revision_id FROM "transcript_turns" WHERE speaker_id = ANY(${sql.param(speakerIds)}::integer[]) AND revision_id IS NOT NULL`,
  )
  await db.execute(sql`
    UPDATE "transcript_turns" t SET kind = 'marker', speaker_id = NULL, speaker_label = coalesce(t.speaker_label, s.name)
    FROM "speakers" s WHERE s.id = t.speaker_id AND s.id = ANY(${sql.param(speakerIds)}::integer[])`)
  await db.execute(
    sql`DELETE FROM "episodes_rels" WHERE speakers_id = ANY(${sql.param(speakerIds)}::integer[]) OR guests_id = ANY(${sql.param(guestIds)}::integer[])`,
  )
  await db.execute(
    sql`DELETE FROM "_episodes_v_rels" WHERE speakers_id = ANY(${sql.param(speakerIds)}::integer[]) OR guests_id = ANY(${sql.param(guestIds)}::integer[])`,
  )
  await db.execute(sql`DELETE FROM "speakers" WHERE id = ANY(${sql.param(speakerIds)}::integer[])`)
  await db.execute(sql`DELETE FROM "guests" WHERE id = ANY(${sql.param(guestIds)}::integer[])`)
  // Counts are of speech: the revisions that held marker turns, and every episode version pointing to them.
  const revisionIds = revisions.map((row) => row.revision_id)
  await db.execute(sql`
    UPDATE "transcript_revisions" r SET turn_count = c.turns, word_count = c.words, updated_at = now()
    FROM (SELECT revision_id, count(*) AS turns, coalesce(sum(word_count), 0) AS words FROM "transcript_turns"
          WHERE revision_id = ANY(${sql.param(revisionIds)}::integer[]) AND kind = 'speech' GROUP BY revision_id) c
    WHERE r.id = c.revision_id`)
  await db.execute(sql`
    UPDATE "episodes" e SET transcript_turn_count = r.turn_count, transcript_word_count = r.word_count
    FROM "transcript_revisions" r WHERE r.id = e.transcript_revision_id AND r.id = ANY(${sql.param(revisionIds)}::integer[])`)
  await db.execute(sql`
    UPDATE "_episodes_v" v SET version_transcript_turn_count = r.turn_count, version_transcript_word_count = r.word_count
    FROM "transcript_revisions" r WHERE r.id = v.version_transcript_revision_id AND r.id = ANY(${sql.param(revisionIds)}::integer[])`)
  payload.logger.info({ guests: guestIds.length, msg: 'markers migration: structure labels are markers now, no longer people', speakers: speakers.map((row) => row.name) })
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "transcript_turns" DROP COLUMN "kind";
  DROP TYPE "public"."enum_transcript_turns_kind";`)
}
