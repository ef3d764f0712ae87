import { createTestPayload, type TestPayload } from './helpers/payload'
import { createRestClient } from './helpers/restClient'

let t: TestPayload
beforeAll(async () => {
  t = await createTestPayload()
})
afterAll(async () => {
  await t?.teardown()
})

test('smoke', async () => {
  const user = await t.payload.create({ collection: 'users', data: { email: 'admin@example.com', password: 'pw123456' } })
  expect(user.roles).toEqual(['admin'])
  const rest = createRestClient(t.config)
  const res = await rest.get('/episodes')
  expect(res.status).toBe(200)
  const gql = await rest.graphql('{ Episodes { docs { id } } }')
  expect(gql.body.errors).toBeUndefined()
})
