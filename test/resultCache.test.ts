import { forgetSearchAnswers, keptSearchAnswer } from '../src/search/resultCache'

test('kept search answers belong to one Payload instance, and a write drops them all', async () => {
  const one = {}
  const other = {}
  let computed = 0
  const answer = (scope: object) => keptSearchAnswer(scope, '["hits","q=test"]', async () => ++computed)
  await expect(answer(one)).resolves.toBe(1)
  await expect(answer(one)).resolves.toBe(1)
  // The same query on another app in the same process is its own.
  await expect(answer(other)).resolves.toBe(2)
  forgetSearchAnswers()
  await expect(answer(one)).resolves.toBe(3)
  await expect(answer(other)).resolves.toBe(4)
})
