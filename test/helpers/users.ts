import type { Payload } from 'payload'

import type { UserRole } from '../../src/types'

export const PASSWORD = 'test-password-1'

/** Creates a staff user with exactly these roles (the first user would otherwise become admin). */
export const createUser = async (payload: Payload, role: UserRole, email = `${role}@example.com`) => {
  const user = await payload.create({ collection: 'users', data: { email, password: PASSWORD, roles: [role] } })
  if (JSON.stringify(user.roles) !== JSON.stringify([role])) {
    await payload.update({ id: user.id, collection: 'users', data: { roles: [role] } })
  }
  return { ...user, roles: [role], collection: 'users' as const }
}
