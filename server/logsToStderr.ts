/** Imported first by the CLI: its report is stdout (`--json` is piped into other programs), so its logs go to stderr. */
process.env.PAYLOAD_LOGS_TO_STDERR = 'true'

export {}
