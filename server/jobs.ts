/**
 * `npm run jobs`: a job runner without the web server, for deployments that run the queue
 * apart from their web instances (which then set RUN_JOBS=false). It is Payload's own
 * autoRun: the crons the config declares (the plugin's, every JOBS_CRON), with the plugin's
 * maintenance before each run. Run as many as you like: batch files and scheduled publishes
 * are claimed once whichever runner tries.
 */
import './env'
import { muteConnectionErrors } from './closePayload'
import { startPayload } from './startPayload'

const { payload, shutdown } = await startPayload({ cron: true })
payload.logger.info({ crons: payload.crons.length, msg: 'Job runner started' })

let stopping = false
const stop = async (signal: string) => {
  if (stopping) return
  stopping = true
  payload.logger.info(`${signal}: stopping the job runner`)
  muteConnectionErrors(payload)
  await shutdown()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
