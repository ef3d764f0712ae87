import type { Payload } from 'payload'

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

import type { ImportReport } from '../import/importTranscript.ts'

import { importBatch, summarize } from '../import/importBatch.ts'
import { type ImportStatusOverride, importStatusOverrides, mapStatus } from '../import/mapStatus.ts'
import { parseTranscriptFile } from '../import/formats/index.ts'
import { isSidecar, pairSidecars } from '../import/sidecars.ts'
import { findTranscriptFiles } from './findTranscriptFiles.ts'
import { createProgress, formatTable } from './output.ts'

export type CliIO = {
  stderr: { isTTY?: boolean; write: (text: string) => unknown }
  stdout: { write: (text: string) => unknown }
}

export type CliDeps = {
  cwd?: string
  io?: CliIO
  /** How the user runs the CLI, for the usage text. @default 'npm run cli --' */
  program?: string
  /** Starts Payload on the app's database; only `import` needs it. */
  startPayload: () => Promise<{ payload: Payload; shutdown: () => Promise<void> }>
}

const usage = (program: string) => `Usage:
  ${program} import [--dry-run] [--status draft|in_review|published] [--show <slug or title>] [--episode <id or slug>] [--json] <files|dirs|globs…>
  ${program} parse [--json] <files|dirs|globs…>

Exit codes: 0 all files ok, 1 a file failed, 2 bad usage.`

/** The `import` and `parse` commands. Returns the process exit code. */
export const runCli = async (argv: string[], deps: CliDeps): Promise<number> => {
  const io = deps.io ?? { stderr: process.stderr, stdout: process.stdout }
  const USAGE = usage(deps.program ?? 'npm run cli --')
  const [command, ...rest] = argv
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      args: rest,
      options: {
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false, short: 'h' },
        episode: { type: 'string' },
        json: { type: 'boolean', default: false },
        show: { type: 'string' },
        status: { type: 'string' },
      },
    })
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`)
    return 2
  }
  const { positionals, values } = parsed
  if (values.help || !command || command === 'help') {
    io.stdout.write(`${USAGE}\n`)
    return command && command !== 'help' ? 0 : values.help ? 0 : 2
  }
  if (command !== 'import' && command !== 'parse') {
    io.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`)
    return 2
  }
  if (values.status !== undefined && !(importStatusOverrides as readonly string[]).includes(values.status)) {
    io.stderr.write(`--status must be one of: ${importStatusOverrides.join(', ')}\n`)
    return 2
  }
  if (!positionals.length) {
    io.stderr.write(`No files given.\n\n${USAGE}\n`)
    return 2
  }
  const { files, missing } = await findTranscriptFiles(positionals.map((arg) => path.resolve(deps.cwd ?? process.cwd(), arg)))
  for (const arg of missing) io.stderr.write(`Not found: ${arg}\n`)
  if (!files.length) {
    io.stderr.write('No transcript files found.\n')
    return 1
  }
  const relative = (file: string) => path.relative(deps.cwd ?? process.cwd(), file) || file

  if (command === 'parse') {
    const results = []
    for (const file of files.filter((name) => !isSidecar(name))) {
      const transcript = parseTranscriptFile(await readFile(file), { fileName: path.basename(file) })
      results.push({
        episode: {
          number: transcript.episodeNumber,
          slug: transcript.slug,
          status: mapStatus({ date: transcript.frontMatter.date, status: transcript.status }).workflowStatus,
          title: transcript.title,
        },
        errors: transcript.errors,
        file: relative(file),
        ok: transcript.errors.length === 0,
        speakers: transcript.speakers,
        turns: transcript.turns.map((turn) => ({ speaker: turn.speakerLabel, start: turn.start, text: turn.text })),
        warnings: transcript.warnings,
      })
    }
    if (values.json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
    else {
      io.stdout.write(
        formatTable(
          ['file', 'ok', 'turns', 'speakers', 'warnings', 'title'],
          results.map((r) => [r.file, r.ok ? 'yes' : 'NO', r.turns.length, r.speakers.length, r.warnings.length, r.episode.title]),
        ),
      )
      for (const r of results) for (const e of r.errors) io.stderr.write(`${r.file}:${e.line}: ${e.message}\n`)
    }
    return results.every((r) => r.ok) && !missing.length ? 0 : 1
  }

  const { payload, shutdown } = await deps.startPayload()
  const reports: ImportReport[] = []
  const progress = createProgress(io.stderr, files.length)
  try {
    // A transcript and its YAML sidecar (same stem, same folder) travel together.
    const sources = pairSidecars(files.map((file) => ({ name: relative(file), content: () => readFile(file) })))
    for await (const report of importBatch({
      dryRun: values['dry-run'],
      payload,
      episode: values.episode?.trim() || undefined,
      show: values.show?.trim() || undefined,
      sources,
      status: values.status as ImportStatusOverride | undefined,
    })) {
      reports.push(report)
      progress.tick(report.file)
    }
  } finally {
    progress.done()
    await shutdown()
  }
  const summary = summarize(reports)
  if (values.json) io.stdout.write(`${JSON.stringify({ dryRun: values['dry-run'], results: reports, summary }, null, 2)}\n`)
  else {
    io.stdout.write(
      formatTable(
        ['file', 'result', 'episode', 'turns', 'new speakers', 'new guests', 'warnings', 'ms'],
        reports.map((r) => [r.file, r.status, r.episode?.slug ?? '', r.turns, r.createdSpeakers, r.createdGuests, r.warnings.length, Math.round(r.durationMs)]),
      ),
    )
    for (const r of reports) for (const e of r.errors) io.stderr.write(`${r.file}:${e.line ?? '-'}: ${e.message}\n`)
    const counts = (['imported', 'updated', 'unchanged', 'failed'] as const).map((key) => `${summary[key]} ${key}`)
    io.stdout.write(`\n${values['dry-run'] ? 'Dry run (nothing written): ' : ''}${summary.total} files: ${counts.join(', ')}\n`)
  }
  return summary.failed === 0 && !missing.length ? 0 : 1
}
