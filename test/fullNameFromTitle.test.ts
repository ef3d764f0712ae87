import { fullNameFromTitle } from '../src/import/fullNameFromTitle'

test.each([
  ['Jigyasa', 'Transcript Episode 22: Jigyasa Grover', 'Jigyasa Grover'],
  ['Nader', 'Episode 32: Nader Dabit Ready for Web3', 'Nader Dabit'],
  ['Tomasz', 'Episode 31: Tomasz Łakomy on learning', 'Tomasz Łakomy'],
  ['Michaela', 'Episode 52: Engineering values', null],
  ['Ann', 'Episode 9: Annabel Lee', null],
  ['Jigyasa Grover', 'Episode 22: Jigyasa Grover', null],
])('%s in %j → %j', (label, title, expected) => {
  expect(fullNameFromTitle(label, title)).toBe(expected)
})
