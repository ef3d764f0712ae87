import type { Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { LexemeStats } from '../search/density.ts'

import { getDrizzle, schemaName, tableName } from './adapter.ts'
import { getPodcastOptions } from '../utilities/getPodcastOptions.ts'

/** Statistics change only when Postgres analyses the table (autovacuum, after an import): read once a minute. */
const KEEP_MS = 60_000
const kept = new WeakMap<object, { at: number; stats: Promise<LexemeStats> }>()

/** What `pg_stats` holds of the turns' search vectors, read now. */
export const readLexemeStats = async (payload: Payload, req?: Partial<PayloadRequest>): Promise<LexemeStats> => {
  const db = await getDrizzle(payload, req)
  const schema = schemaName(payload)
  const table = tableName(payload, getPodcastOptions(payload).slugs.transcriptTurns)
  // `most_common_elem_freqs` ends with three figures of its own (the lowest and highest frequency, and the
  // share of empty vectors) after one frequency per element.
  const { rows } = await db.execute<{ elems: null | string[]; freqs: null | number[]; rows: number }>(sql`
    SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs::float8[] AS freqs, greatest(c.reltuples, 0)::float8 AS rows
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'search'
    WHERE n.nspname = ${schema} AND c.relname = ${table}`)
  const { elems, freqs, rows: count } = rows[0] ?? { elems: null, freqs: null, rows: 0 }
  const frequencies = new Map((elems ?? []).map((lexeme, i) => [lexeme, Number(freqs?.[i] ?? 0)]))
  // A word the statistics do not list is rarer than the rarest they do.
  const lowest = freqs && elems ? Number(freqs[elems.length]) : 0
  return { frequencies, rare: lowest > 0 ? lowest / 2 : 0.0005, rows: Number(count) }
}

/** What Postgres knows of the turns' lexemes (db/search picks how to find matches by it), kept a minute. */
export const lexemeStats = (payload: Payload, req?: Partial<PayloadRequest>): Promise<LexemeStats> => {
  const found = kept.get(payload)
  if (found && Date.now() - found.at < KEEP_MS) return found.stats
  const stats = readLexemeStats(payload, req)
  kept.set(payload, { at: Date.now(), stats })
  stats.catch(() => kept.get(payload)?.stats === stats && kept.delete(payload))
  return stats
}
