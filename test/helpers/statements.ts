/**
 * Every statement any pg client of one database sends while `fn` runs (pool.query and
 * checked-out clients alike). pg's prototype is shared by the whole jest worker, so clients
 * another suite left behind on its own database are filtered out by database name.
 */
export const captureStatements = async <T>(databaseUrl: string, fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> => {
  const { Client } = (await import('pg')).default
  const original = Client.prototype.query
  const database = new URL(databaseUrl).pathname.slice(1)
  const statements: string[] = []
  Client.prototype.query = function (this: { database?: string }, ...args: unknown[]) {
    const query = args[0] as string | { text?: string }
    if (this.database === database) statements.push(typeof query === 'string' ? query : String(query?.text))
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof Client.prototype.query
  try {
    return { result: await fn(), statements }
  } finally {
    Client.prototype.query = original
  }
}
