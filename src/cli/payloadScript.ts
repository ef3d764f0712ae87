import type { SanitizedConfig } from 'payload'

import { getPayload } from 'payload'

import { PAYLOAD_BIN_KEY } from './binKey.ts'
import { flushAndExit } from './flush.ts'
import { runCli } from './runCli.ts'

/**
 * `npx payload podcast import|parse …`: Payload's own bin finds and loads the app's config
 * and calls this with it (the plugin registers it in `config.bin`); `payload-podcast` too.
 */
export const script = async (config: SanitizedConfig, argv = process.argv.slice(process.argv.indexOf(PAYLOAD_BIN_KEY) + 1)): Promise<void> => {
  const code = await runCli(argv, {
    program: `npx payload ${PAYLOAD_BIN_KEY}`,
    startPayload: async () => {
      const payload = await getPayload({ config, cron: false })
      return { payload, shutdown: () => payload.destroy() }
    },
  })
  // Payload's bin would exit 0 after the script; exit with the CLI's code instead.
  await flushAndExit(code)
}
