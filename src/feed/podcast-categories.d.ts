// podcast-categories ships no types: Apple's category names, each with its subcategories.
declare module 'podcast-categories' {
  const categories: Record<string, Record<string, true>>
  export default categories
}
