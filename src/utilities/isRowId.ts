/** Whether an id-or-slug parameter can be a row id. Ids are int4: a longer number can only be a slug. */
export const isRowId = (value: string): boolean => /^\d{1,9}$/.test(value)
