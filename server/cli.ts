/** `npm run cli -- …`: the transcript CLI, writing to DATABASE_URL or the embedded database. */
import './logsToStderr'
import './env'
import { flushAndExit } from '../src/cli/flush'
import { runCli } from '../src/cli/runCli'
import { startPayload } from './startPayload'

await flushAndExit(await runCli(process.argv.slice(2), { startPayload: () => startPayload({ cron: false }) }))
