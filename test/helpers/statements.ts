/**
 * Every statement any pg client of one database sends while `fn` runs (pool.query and
 * checked-out clients alike), and the backend (connection) each ran on, in the same order.
 * pg's prototype is shared by the whole jest worker, so clients another suite left behind on
 * its own database are filtered out by database name.
 */
export const captureStatements = async <T>(databaseUrl: string, fn: () => Promise<T>): Promise<{ backends: number[]; result: T; statements: string[] }> => {
  const { Client } = (await import('pg')).default
  const original = Client.prototype.query
  const database = new URL(databaseUrl).pathname.slice(1)
  const statements: string[] = []
  const backends: number[] = []
  Client.prototype.query = function (this: { database?: string; processID?: number }, ...args: unknown[]) {
    const query = args[0] as string | { text?: string }
    if (this.database === database) {
      statements.push(typeof query === 'string' ? query : String(query?.text))
      backends.push(this.processID ?? -1)
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof Client.prototype.query
  try {
    const result = await fn()
    return { backends, result, statements }
  } finally {
    Client.prototype.query = original
  }
}
