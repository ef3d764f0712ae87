import categories from 'podcast-categories'

// Apple retired "Games & Hobbies" in 2019 (its subcategories moved to Leisure); the package still lists it.
const RETIRED = new Set(['Games & Hobbies'])

/** Apple's podcast categories as Apple writes them, each with its subcategories (podcast-categories). */
export const appleCategories: Record<string, string[]> = Object.fromEntries(
  Object.entries(categories)
    .filter(([name]) => !RETIRED.has(name))
    .map(([name, subcategories]) => [name, Object.keys(subcategories)]),
)
