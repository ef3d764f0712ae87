import { fullNameOf, type NameSources } from '../src/import/fullName'

const none: NameSources = { frontMatter: [], introduction: '', permalink: null, title: '' }

test.each([
  ['Jigyasa', 'Transcript Episode 22: Jigyasa Grover', 'Jigyasa Grover'],
  ['Nader', 'Episode 32: Nader Dabit Ready for Web3', 'Nader Dabit'],
  ['Tomasz', 'Episode 31: Tomasz Łakomy on learning', 'Tomasz Łakomy'],
  ['Alexander', 'Transcript Episode 73 Alexander-Serebrenik', 'Alexander Serebrenik'],
  ['Michaela', 'Episode 52: Engineering values', null],
  ['Ann', 'Episode 9: Annabel Lee', null],
  ['Jigyasa Grover', 'Episode 22: Jigyasa Grover', null],
])('the title: %s in %j → %j', (label, title, expected) => {
  expect(fullNameOf(label, { ...none, title })?.name ?? null).toBe(expected)
})

test('the permalink names the guest, past the words between', () => {
  expect(fullNameOf('Sandeep', { ...none, permalink: '/episode-3-sandeep-panda' })).toEqual({ name: 'Sandeep Panda', source: 'permalink' })
  expect(fullNameOf('Sandeep', { ...none, permalink: '/sandeep-on-testing' })).toBeNull()
})

test('the introduction: "I speak with …", with a middle initial when there is one', () => {
  expect(fullNameOf('Sandeep', { ...none, introduction: 'Hello! Today, I speak with Sandeep Panda about writing.' })).toEqual({
    name: 'Sandeep Panda',
    source: 'introduction',
  })
  expect(fullNameOf('Kent', { ...none, introduction: 'My guest today is Kent C. Dodds.', title: 'Episode 9: Kent Dodds' })).toEqual({
    name: 'Kent C. Dodds',
    source: 'introduction',
  })
  // A lower-case word after the first name is speech, not a surname.
  expect(fullNameOf('Cher', { ...none, introduction: 'So I am really happy that Cher is here today.' })).toBeNull()
})

test('front matter wins over everything', () => {
  expect(fullNameOf('Mireille', { ...none, frontMatter: ['Mireille B. Reece, Psy.D', 'Jane Doe'], introduction: 'with Mireille Reece' })).toEqual({
    name: 'Mireille B. Reece, Psy.D',
    source: 'front matter',
  })
})

test('a name wrapped over two lines, with a particle, in the introduction', () => {
  const introduction = 'today I have the pleasure to talk to Micha \nHernandez van Leuffen. He is the founder of Fiberplane.'
  expect(fullNameOf('Micha', { ...none, fileName: 'EP_67_Micha_Fiberplane.md', introduction })).toEqual({
    name: 'Micha Hernandez van Leuffen',
    source: 'introduction',
  })
  // Two line breaks are two paragraphs: the next one starting in capitals is no surname.
  expect(fullNameOf('Cher', { ...none, introduction: 'Welcome to my show Cher\n\nThank you.' })).toBeNull()
})

test('the file name, as a slug', () => {
  expect(fullNameOf('Nicolas', { ...none, fileName: 'Transcripts/EP_64_Nicolas_Dular.md' })).toEqual({ name: 'Nicolas Dular', source: 'file name' })
  expect(fullNameOf('Nicolas', { ...none, fileName: 'EP_64_Nicolas.md' })).toBeNull()
})

test('the rest of the speech only when nothing else names them', () => {
  const speech = 'Daniel said that. Later Daniel Piek explained why.'
  expect(fullNameOf('Daniel', { ...none, speech })).toEqual({ name: 'Daniel Piek', source: 'transcript' })
  expect(fullNameOf('Daniel', { ...none, speech, title: 'Episode 7: Daniel Craig' })).toEqual({ name: 'Daniel Craig', source: 'title' })
})
