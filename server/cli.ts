/** `npm run cli -- …`: the transcript CLI, writing to DATABASE_URL or the embedded database. */
import './env'
import { runCli } from '../src/cli/runCli'
import { startPayload } from './startPayload'

const code = await runCli(process.argv.slice(2), { startPayload: () => startPayload({ cron: false }) })
process.exit(code)
