import type { CollectionSlug, Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { importBatch, summarize } from '../src/import/importBatch'
import { importTranscript } from '../src/import/importTranscript'
import { parseTranscript } from '../src/import/parseTranscript'
import { getDrizzle } from '../src/db/adapter'
import { readCorpusFile, testCorpus } from './helpers/corpora'
import { createTestPayload, type TestPayload } from './helpers/payload'

let t: TestPayload
let payload: Payload

beforeAll(async () => {
  t = await createTestPayload()
  payload = t.payload
})
afterAll(async () => {
  await t?.teardown()
})

const count = async (collection: CollectionSlug, where = {}) => (await payload.count({ collection, where })).totalDocs

const turnRows = async (episodeId: number | string) => {
  const db = await getDrizzle(payload)
  const { rows } = await db.execute<{ position: string; speaker_label: string; start: string; text: string; speaker_id: number }>(
    // The turns of the revision the episode's latest version points to.
    sql`SELECT t.position, t.speaker_label, t.start, t.text, t.speaker_id FROM transcript_turns t
        JOIN transcript_revisions r ON r.id = t.revision_id AND r.is_latest
        WHERE t.episode_id = ${episodeId} ORDER BY t.position`,
  )
  return rows
}

const EP22 = 'se-unlocked/Transcripts/EP_22_Jigyasa_Grover.md'

describe('importTranscript', () => {
  testCorpus('imports one episode, its speakers, guest and turns', async () => {
    const content = readCorpusFile(EP22)
    const parsed = parseTranscript(content, { fileName: 'EP_22_Jigyasa_Grover.md' })
    const report = await importTranscript({ content, fileName: 'EP_22_Jigyasa_Grover.md', payload })
    expect(report.errors).toEqual([])
    expect(report.status).toBe('imported')
    expect(report.turns).toBe(parsed.turns.length)

    const episode = await payload.findByID({ id: report.episode!.id, collection: 'episodes', draft: true })
    expect(episode.slug).toBe('machine-learning-engineer-twitter')
    expect(episode.permalink).toBe('/machine-learning-engineer-twitter')
    expect(episode.episodeNumber).toBe(22)
    expect(episode._status).toBe('published')
    expect(episode.workflowStatus).toBe('published')
    expect(episode.transcript?.turnCount).toBe(parsed.turns.length)
    expect(episode.transcript?.sourceChecksum).toBe(parsed.checksum)

    const rows = await turnRows(episode.id)
    expect(rows).toHaveLength(parsed.turns.length)
    expect(rows[0].speaker_label).toBe('Michaela')
    expect(Number(rows[0].start)).toBe(0)
    expect(rows[1].speaker_label).toBe('Jigyasa')
    expect(Number(rows[1].start)).toBe(65)
    expect(rows[1].text.startsWith('Thank you, Michaela.')).toBe(true)

    // The host is a host Speaker (from the plugin's options), never a guest.
    const host = await payload.find({ collection: 'speakers', where: { 'aliases.normalized': { equals: 'michaela' } } })
    expect(host.docs).toHaveLength(1)
    expect(host.docs[0].role).toBe('host')
    expect(host.docs[0].name).toBe('Michaela Greiler')
    // The guest, labelled by first name, gets the full name from the title.
    const guests = await payload.find({ collection: 'guests' })
    expect(guests.docs.map((g) => g.name)).toEqual(['Jigyasa Grover'])
    const guestIds = (episode.guests as { id: number }[]).map((g) => (typeof g === 'object' ? g.id : g))
    expect(guestIds).toEqual([guests.docs[0].id])
    const jigyasa = await payload.find({ collection: 'speakers', where: { 'aliases.normalized': { equals: 'jigyasa' } } })
    expect(jigyasa.docs[0].role).toBe('guest')
    expect(rows[1].speaker_id).toBe(jigyasa.docs[0].id)
    expect(rows[0].speaker_id).toBe(host.docs[0].id)
  })

  testCorpus('re-importing the same file is a no-op reported as unchanged', async () => {
    const before = { speakers: await count('speakers'), guests: await count('guests'), turns: await count('transcript-turns') }
    const report = await importTranscript({ content: readCorpusFile(EP22), fileName: 'EP_22_Jigyasa_Grover.md', payload })
    expect(report.status).toBe('unchanged')
    expect({ speakers: await count('speakers'), guests: await count('guests'), turns: await count('transcript-turns') }).toEqual(before)
  })

  testCorpus('a changed file updates the episode and replaces its turns, keeping speakers, guests and manual fixes', async () => {
    const original = readCorpusFile(EP22).toString('utf8')
    const { docs } = await payload.find({ collection: 'episodes', where: { slug: { equals: 'machine-learning-engineer-twitter' } } })
    const episodeId = docs[0].id
    // A manual fix: staff attribute Jigyasa's turns to a speaker they created by hand.
    const fixed = await payload.create({ collection: 'speakers', data: { name: 'Jigyasa G.', role: 'guest' } })
    const db = await getDrizzle(payload)
    await db.execute(sql`UPDATE transcript_turns SET speaker_id = ${fixed.id} WHERE episode_id = ${episodeId} AND speaker_label = 'Jigyasa'`)
    const before = { speakers: await count('speakers'), guests: await count('guests') }

    const changed = `${original.trimEnd()}\n\n**Jigyasa:** [01:23:45] One more thing I forgot to say.\n`
    const report = await importTranscript({ content: changed, fileName: 'EP_22_Jigyasa_Grover.md', payload })
    expect(report.errors).toEqual([])
    expect(report.status).toBe('updated')
    expect(report.episode!.id).toBe(episodeId)
    expect(await count('episodes')).toBe(1)
    expect({ speakers: await count('speakers'), guests: await count('guests') }).toEqual(before)

    const rows = await turnRows(episodeId)
    expect(rows).toHaveLength(report.turns)
    expect(rows.at(-1)!.text).toBe('One more thing I forgot to say.')
    expect(Number(rows.at(-1)!.start)).toBe(5025)
    // The fix survives: every Jigyasa turn, the new one included, keeps the hand-picked speaker.
    expect(new Set(rows.filter((r) => r.speaker_label === 'Jigyasa').map((r) => r.speaker_id))).toEqual(new Set([fixed.id]))
    const episode = await payload.findByID({ id: episodeId, collection: 'episodes', draft: true })
    expect(episode.transcript?.turnCount).toBe(rows.length)
  })

  test('a file that fails mid-write leaves nothing behind, and the batch goes on', async () => {
    const db = await getDrizzle(payload)
    // Fault injection at the database: any turn saying BOOM aborts its INSERT.
    await db.execute(
      sql.raw(`
      CREATE OR REPLACE FUNCTION fail_on_boom() RETURNS trigger AS $$
      BEGIN IF NEW.text LIKE '%BOOM%' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_on_boom BEFORE INSERT ON transcript_turns FOR EACH ROW EXECUTE FUNCTION fail_on_boom();`),
    )
    const before = {
      episodes: await count('episodes'),
      speakers: await count('speakers'),
      guests: await count('guests'),
      turns: await count('transcript-turns'),
    }
    const good = (n: number) =>
      `---\nepisode: "Episode ${n}: Ada Lovelace ${n}"\npermalink: /batch-${n}\nstatus: draft\n---\n\n**Michaela:** [00:00:01] Welcome.\n\n**Ada:** [00:00:05] Thanks for having me.\n`
    const bad = `---\nepisode: "Episode 900: Grace Hopper"\npermalink: /batch-bad\nstatus: draft\n---\n\n**Grace:** [00:00:01] Hello.\n\n**Grace:** [00:00:09] BOOM goes the turn.\n`
    try {
      const reports = []
      for await (const report of importBatch({
        payload,
        sources: [
          { name: 'one.md', content: async () => good(1) },
          { name: 'bad.md', content: async () => bad },
          { name: 'two.md', content: async () => good(2) },
        ],
      }))
        reports.push(report)
      expect(reports.map((r) => [r.file, r.status])).toEqual([
        ['one.md', 'imported'],
        ['bad.md', 'failed'],
        ['two.md', 'imported'],
      ])
      expect(reports[1].errors[0].message).toMatch(/injected failure/)
      expect(summarize(reports)).toMatchObject({ failed: 1, imported: 2, total: 3 })
      // Nothing of bad.md: no episode, no Grace speaker or guest, no turns.
      expect(await count('episodes', { slug: { equals: 'batch-bad' } })).toBe(0)
      expect(await count('speakers', { 'aliases.normalized': { equals: 'grace' } })).toBe(0)
      expect(await count('guests', { name: { like: 'Grace' } })).toBe(0)
      expect(await count('episodes')).toBe(before.episodes + 2)
      expect(await count('transcript-turns')).toBe(before.turns + 4)
    } finally {
      await db.execute(sql.raw('DROP TRIGGER fail_on_boom ON transcript_turns; DROP FUNCTION fail_on_boom();'))
    }
  })

  testCorpus('two concurrent imports of the same new file create one episode', async () => {
    const content = readCorpusFile('se-unlocked/Transcripts/EP_10_Suz_Hinton.md')
    const reports = await Promise.all([
      importTranscript({ content, fileName: 'EP_10_Suz_Hinton.md', payload }),
      importTranscript({ content, fileName: 'EP_10_Suz_Hinton.md', payload }),
    ])
    expect(reports.map((r) => r.status).sort()).toEqual(['imported', 'unchanged'])
    expect(reports[0].episode!.id).toBe(reports[1].episode!.id)
    expect(await count('episodes', { slug: { equals: reports[0].episode!.slug } })).toBe(1)
    expect(await count('transcript-turns', { episode: { equals: reports[0].episode!.id } })).toBe(reports[0].turns)
  })

  testCorpus('a dry run reports what would happen and writes nothing', async () => {
    const content = readCorpusFile('se-unlocked/Transcripts/EP_14_Troy_Hunt.md')
    const before = { episodes: await count('episodes'), speakers: await count('speakers'), turns: await count('transcript-turns') }
    const report = await importTranscript({ content, dryRun: true, fileName: 'EP_14_Troy_Hunt.md', payload })
    expect(report.status).toBe('imported')
    expect(report.dryRun).toBe(true)
    expect(report.createdSpeakers).toBeGreaterThan(0)
    expect({ episodes: await count('episodes'), speakers: await count('speakers'), turns: await count('transcript-turns') }).toEqual(before)
  })

  test('rejected input is reported with a reason and writes nothing', async () => {
    const before = await count('episodes')
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01])
    const report = await importTranscript({ content: binary, fileName: 'image.md', payload })
    expect(report.status).toBe('failed')
    expect(report.errors[0].message).toMatch(/binary/i)
    const latin1 = Buffer.from('---\nepisode: Caf\xe9\n---\n**A:** hi\n', 'latin1')
    const bad = await importTranscript({ content: latin1, fileName: 'latin1.md', payload })
    expect(bad.status).toBe('failed')
    expect(bad.errors[0].message).toMatch(/UTF-8/)
    expect(await count('episodes')).toBe(before)
  })

  test('front-matter status maps onto the workflow, and an override wins', async () => {
    const file = (status: string, slug: string, extra = '') =>
      `---\nepisode: "Episode 7: Status ${slug}"\npermalink: /${slug}\nstatus: ${status}\n${extra}---\n\n**Michaela:** [00:00:01] Hi.\n`
    const cases: [string, string, string, boolean][] = [
      ['publish', 'st-publish', 'published', true],
      ['draft', 'st-draft', 'draft', false],
      ['pending', 'st-pending', 'in_review', false],
      ['private', 'st-private', 'draft', false],
    ]
    for (const [status, slug, workflow, published] of cases) {
      const report = await importTranscript({ content: file(status, slug), fileName: `${slug}.md`, payload })
      expect([slug, report.status]).toEqual([slug, 'imported'])
      const episode = await payload.findByID({ id: report.episode!.id, collection: 'episodes', draft: true })
      expect([slug, episode.workflowStatus, episode._status === 'published']).toEqual([slug, workflow, published])
    }
    const future = new Date(Date.now() + 86_400_000).toISOString()
    const scheduled = await importTranscript({ content: file('future', 'st-future', `date: ${future}\n`), fileName: 'f.md', payload })
    const episode = await payload.findByID({ id: scheduled.episode!.id, collection: 'episodes', draft: true })
    expect(episode.workflowStatus).toBe('scheduled')
    expect(episode._status).toBe('draft')
    expect(new Date(episode.publishedAt as string).toISOString()).toBe(future)

    const overridden = await importTranscript({ content: file('publish', 'st-override'), fileName: 'o.md', payload, status: 'draft' })
    const draft = await payload.findByID({ id: overridden.episode!.id, collection: 'episodes', draft: true })
    expect(draft.workflowStatus).toBe('draft')
    expect(draft._status).toBe('draft')
  })
})

test('a COMMIT that fails is an error, not a silent success (Payload swallows it)', async () => {
  const { withTransaction } = await import('../src/db/transaction')
  const db = await getDrizzle(payload)
  // A deferred constraint fails at COMMIT, as a connection cut at that moment does.
  await db.execute(sql`CREATE TABLE commit_probe (id integer PRIMARY KEY, ref integer REFERENCES commit_probe (id) DEFERRABLE INITIALLY DEFERRED)`)
  const written = withTransaction(payload, undefined, async (req) => {
    await payload.create({ collection: 'guests', data: { name: 'Never Committed' }, req })
    await (await getDrizzle(payload, req)).execute(sql`INSERT INTO commit_probe VALUES (1, 999)`)
  })
  await expect(written).rejects.toThrow(
    'The transaction did not commit (the connection was lost, or a check failed at COMMIT): nothing of this file was written.',
  )
  expect(await count('guests', { name: { equals: 'Never Committed' } })).toBe(0)
  await db.execute(sql`DROP TABLE commit_probe`)
})
