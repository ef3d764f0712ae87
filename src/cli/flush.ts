/**
 * Exits only once what was written has reached the reader: piped into another program,
 * `parse --json` was cut off at 128 KB when the process exited with its output still queued.
 */
export const flushAndExit = async (code: number): Promise<never> => {
  for (const stream of [process.stdout, process.stderr]) await new Promise<void>((resolve) => stream.write('', () => resolve()))
  process.exit(code)
}
