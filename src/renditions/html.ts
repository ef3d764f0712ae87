import type { RenditionInput } from './types.ts'

import { escapeHtml } from './escape.ts'
import { inlineHtml } from './markdown.ts'

const stamp = (seconds: number) => {
  const whole = Math.floor(seconds)
  const h = Math.floor(whole / 3600)
  const m = Math.floor(whole / 60) % 60
  const s = whole % 60
  return { datetime: `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s}S`, text: `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` }
}

/**
 * HTML as the namespace's transcript example writes it: `<cite>` the speaker, `<time>` the start,
 * `<p>` the text, with the turn's Markdown rendered. A whole document, for search engines and
 * screen readers as much as for players. Times are given only when the transcript has them.
 */
export const renderHtml = ({ episode, timed, turns }: RenditionInput): string => {
  const body = turns.map((turn) => {
    // A marker is a section heading: "Break", "Outro", with what it says.
    if (turn.kind === 'marker') return `<h2>${escapeHtml(turn.label ?? 'Section')}${turn.text.trim() ? `: ${inlineHtml(turn.text)}` : ''}</h2>`
    const parts = []
    if (turn.speaker) parts.push(`<cite>${escapeHtml(turn.speaker)}:</cite>`)
    if (timed) {
      const { datetime, text } = stamp(turn.cueStart)
      parts.push(`<time datetime="${datetime}">${text}</time>`)
    }
    parts.push(`<p>${inlineHtml(turn.text)}</p>`)
    return parts.join('\n')
  })
  const lang = episode.language ? ` lang="${escapeHtml(episode.language)}"` : ''
  return `<!DOCTYPE html>
<html${lang}>
<head>
<meta charset="utf-8">
<title>${escapeHtml(episode.title)}: transcript</title>
</head>
<body>
<article>
<h1>${escapeHtml(episode.title)}</h1>
${body.join('\n')}
</article>
</body>
</html>
`
}
