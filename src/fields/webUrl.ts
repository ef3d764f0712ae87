/** A field validator: empty, or an http(s) address (what feeds and players can fetch). */
export const webUrl = (value: unknown) => !value || (typeof value === 'string' && /^https?:\/\/\S+$/i.test(value.trim())) || 'A web address (https://…).'
