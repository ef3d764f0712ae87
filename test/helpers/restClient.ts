type Handler = (request: Request, context: { params: Promise<{ slug?: string[] }> }) => Promise<Response>

type RequestOptions = {
  body?: BodyInit | object
  headers?: Record<string, string>
  token?: string
}

export type ApiResponse<T = any> = { body: T; headers: Headers; status: number }

/**
 * Calls the app's own Next route handlers (what `app/(payload)/api` exports)
 * in-process, with real `Request` objects: the REST and GraphQL code paths a
 * website hits, without a server per test file. Load it after createTestPayload.
 */
export const createRestClient = async () => {
  const rest = (await import('../../app/(payload)/api/[...slug]/route')) as unknown as Record<'DELETE' | 'GET' | 'PATCH' | 'POST', Handler>
  const { POST: graphql } = (await import('../../app/(payload)/api/graphql/route')) as unknown as { POST: (request: Request) => Promise<Response> }

  const send = async <T>(method: keyof typeof rest, path: string, { body, headers = {}, token }: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const url = new URL(`http://localhost:3000/api${path}`)
    const init: RequestInit = { headers: { ...headers }, method }
    if (token) (init.headers as Record<string, string>).Authorization = `JWT ${token}`
    if (body instanceof FormData || typeof body === 'string') init.body = body
    else if (body !== undefined) {
      init.body = JSON.stringify(body)
      ;(init.headers as Record<string, string>)['Content-Type'] = 'application/json'
    }
    const request = new Request(url, init)
    const response =
      url.pathname === '/api/graphql'
        ? await graphql(request)
        : await rest[method](request, {
            params: Promise.resolve({
              slug: url.pathname
                .replace(/^\/api\//, '')
                .split('/')
                .filter(Boolean),
            }),
          })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // Not JSON (e.g. a 304): keep the text.
    }
    return { body: parsed as T, headers: response.headers, status: response.status }
  }

  return {
    delete: <T = any>(path: string, options?: RequestOptions) => send<T>('DELETE', path, options),
    get: <T = any>(path: string, options?: RequestOptions) => send<T>('GET', path, options),
    graphql: <T = any>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
      send<{ data: T; errors?: { message: string }[] }>('POST', '/graphql', { body: { query, variables }, token }),
    login: async (email: string, password: string): Promise<string> => {
      const { body, status } = await send<{ token: string }>('POST', '/users/login', { body: { email, password } })
      if (status !== 200) throw new Error(`login failed for ${email}: ${status}`)
      return body.token
    },
    patch: <T = any>(path: string, options?: RequestOptions) => send<T>('PATCH', path, options),
    post: <T = any>(path: string, options?: RequestOptions) => send<T>('POST', path, options),
  }
}

export type RestClient = Awaited<ReturnType<typeof createRestClient>>
