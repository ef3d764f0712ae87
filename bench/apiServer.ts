/**
 * The app's real server plus the benchmark's floors: one raw SQL query each, for an episode's
 * turns with their speakers, and for the website's first call (the latest published episodes
 * with their guests and hosts as cards), returned as JSON; and a precomputed body of a given
 * size. Exists only here.
 */
import '../server/env'
import { startApp } from '../server/app'

await startApp({
  routes: (app, payload) => {
    app.get('/bench/floor/:episodeId', async (req, res) => {
      const { rows } = await payload.db.pool.query(
        `SELECT t.id, t.position, t.start, t."end", t.timestamp, t.text, t.speaker_label,
                s.id AS speaker_id, s.name AS speaker_name, s.slug AS speaker_slug, s.role AS speaker_role
         FROM transcript_turns t LEFT JOIN speakers s ON s.id = t.speaker_id
         WHERE t.episode_id = $1 ORDER BY t.position`,
        [Number(req.params.episodeId)],
      )
      res.json({ docs: rows })
    })
    // A precomputed body of n bytes, sent as is: the floor of any endpoint that serves a cached string (the feed).
    const bodies = new Map<number, Buffer>()
    app.get('/bench/bytes/:n', (req, res) => {
      const n = Math.min(Number(req.params.n) || 0, 64 * 1024 * 1024)
      if (!bodies.has(n)) bodies.set(n, Buffer.alloc(n, 'x'))
      res.setHeader('Content-Type', 'application/rss+xml; charset=utf-8')
      res.end(bodies.get(n))
    })
    // The search baseline: what Payload's `contains` does, an unindexed ILIKE over the published turns.
    app.get('/bench/ilike', async (req, res) => {
      const q = String(req.query.q ?? '')
      const speaker = req.query.speaker ? String(req.query.speaker) : null
      const { rows } = await payload.db.pool.query(
        `SELECT t.id, t.position, t.start, t.text, e.slug, count(*) OVER () AS total
         FROM transcript_turns t JOIN episodes e ON e.id = t.episode_id
         JOIN transcript_revisions r ON r.id = t.revision_id AND r.is_published
         WHERE e._status = 'published' AND t.text ILIKE $1
           AND ($2::text IS NULL OR t.speaker_id IN (SELECT id FROM speakers WHERE slug = $2))
         ORDER BY e.published_at DESC, t.position LIMIT 20`,
        [`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, speaker],
      )
      res.json({ docs: rows, totalDocs: Number(rows[0]?.total ?? 0) })
    })
    app.get('/bench/list-floor', async (_req, res) => {
      const { rows } = await payload.db.pool.query(
        `SELECT e.id, e.title, e.slug, e.summary, e.episode_number, e.season, e.published_at, e.workflow_status,
                e.transcript_turn_count, e.transcript_word_count, e.transcript_language,
                (SELECT coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'slug', g.slug, 'headline', g.headline, 'photo', g.photo_id) ORDER BY r."order"), '[]')
                 FROM episodes_rels r JOIN guests g ON g.id = r.guests_id WHERE r.parent_id = e.id AND r.path = 'guests') AS guests,
                (SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'slug', s.slug, 'role', s.role, 'guest', s.guest_id) ORDER BY r."order"), '[]')
                 FROM episodes_rels r JOIN speakers s ON s.id = r.speakers_id WHERE r.parent_id = e.id AND r.path = 'hosts') AS hosts
         FROM episodes e WHERE e._status = 'published' ORDER BY e.published_at DESC LIMIT 20`,
      )
      const { rows: count } = await payload.db.pool.query(`SELECT count(*)::int AS n FROM episodes WHERE _status = 'published'`)
      res.json({ docs: rows, totalDocs: count[0].n })
    })
  },
})
