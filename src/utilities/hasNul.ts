/** Whether a value (a string, or strings anywhere inside arrays and objects) holds a NUL, which Postgres text cannot store. */
export const hasNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : Array.isArray(value)
      ? value.some(hasNul)
      : value !== null && typeof value === 'object' && Object.values(value).some(hasNul)
