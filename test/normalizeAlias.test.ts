import { normalizeAlias } from '../src/utilities/normalizeAlias'

test.each([
  ['Mireille B. Reece, Psy.D', 'mireille reece'],
  ['Mireille Reece, PsyD', 'mireille reece'],
  ['Jane Doe, Ph.D.', 'jane doe'],
  ['Martin Luther King Jr.', 'martin luther king'],
  ['Henry Ford III', 'henry ford'],
  ['José Valim', 'jose valim'],
  ['Dr. McKayla', 'mckayla'],
  ['Kent C. Dodds', 'kent dodds'],
  ['J. R. R. Tolkien', 'j tolkien'],
  ['MD', 'md'],
  ['Dr', 'dr'],
])('%s → %s', (label, normalized) => {
  expect(normalizeAlias(label)).toBe(normalized)
})
