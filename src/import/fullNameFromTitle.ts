const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * When a speaker is labelled by first name only and the title names the whole
 * person ("Episode 22: Jigyasa Grover"), the full name: "Jigyasa Grover". One
 * surname only: titles go on in capitals ("Nader Dabit Ready for …").
 */
export const fullNameFromTitle = (label: string, title: string): string | null => {
  const first = label.trim()
  if (!first || /\s/.test(first)) return null
  const match = new RegExp(`(?:^|[^\\p{L}])(${escape(first)}(?:[ \\t]+\\p{Lu}[\\p{L}'’-]+))`, 'u').exec(title)
  return match ? match[1].replace(/\s+/g, ' ') : null
}
