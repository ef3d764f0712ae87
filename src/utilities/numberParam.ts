import { badRequest } from '../errors.ts'

/**
 * A number from a query parameter or a GraphQL argument, bounded: undefined when absent, a 400 naming
 * the parameter and its range when it is out of bounds (or not whole, with `integer`).
 */
export const numberParam = (
  name: string,
  value: null | number | string | undefined,
  { integer = false, max = Number.MAX_SAFE_INTEGER, min = 0 } = {},
): number | undefined => {
  if (value === null || value === undefined || value === '') return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < min || parsed > max || (integer && !Number.isInteger(parsed))) {
    throw badRequest(`${name} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}.`)
  }
  return parsed
}
