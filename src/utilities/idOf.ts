/** The id of a relationship value, whether Payload populated it (a document) or not (an id). */
export const idOf = (value: unknown): null | number | string | undefined =>
  value && typeof value === 'object' ? (value as { id: number | string }).id : (value as null | number | string | undefined)
