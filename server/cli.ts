/** `npm run cli -- …`: the transcript CLI, writing to DATABASE_URL or the embedded database. */
import './env'
import { runCli } from '../src/cli/runCli'
import { startPayload } from './startPayload'

const code = await runCli(process.argv.slice(2), { startPayload: () => startPayload({ cron: false }) })
// Exit only once what was written has reached the reader: piped into another program, `parse --json`
// was cut off at 128 KB when the process exited with its output still queued.
for (const stream of [process.stdout, process.stderr]) await new Promise<void>((resolve) => stream.write('', () => resolve()))
process.exit(code)
