/**
 * The app's real server plus the benchmark's floor: one raw SQL query for an
 * episode's turns with their speakers, returned as JSON. Exists only here.
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
  },
})
