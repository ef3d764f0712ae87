import { Lexer, Marked, type Token, type Tokens } from 'marked'

import { escapeHtml } from './escape.ts'

// The turn text is Markdown as written (emphasis, links, inline code), read inline only: a turn that
// opens with "1." or "-" is speech, not a list.
const inlineTokens = (markdown: string): Token[] => Lexer.lexInline(markdown)

const textOf = (tokens: Token[]): string =>
  tokens
    .map((token) => {
      if (token.type === 'br') return ' '
      if (token.type === 'image') return (token as Tokens.Image).text
      // Markup written in a turn is what was said or typed: kept as text here, escaped by each format.
      if (token.type === 'html') return (token as Tokens.HTML).raw
      if ('tokens' in token && token.tokens) return textOf(token.tokens)
      return 'text' in token ? (token as Tokens.Text).text : ''
    })
    .join('')

const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ '#39': "'", amp: '&', gt: '>', lt: '<', quot: '"' })[name] as string)

// Most turns hold no Markdown at all: those skip the lexer (a 1,000-turn VTT spent most of its time there).
const MARKDOWN = /[*_`[\]<>&\\~!|]|https?:|www\./i

/** A turn's text without its Markdown: what VTT, SRT, JSON and plain text carry. */
export const plainText = (markdown: string): string => (MARKDOWN.test(markdown) ? decode(textOf(inlineTokens(markdown))) : markdown).replace(/\s+/g, ' ').trim()

const SAFE_URL = /^(https?:|mailto:)/i

/**
 * Markdown rendering for the HTML rendition. Transcripts come from files anyone on the staff may
 * import, so raw HTML is escaped rather than passed through, and links keep only web and mail URLs.
 */
const marked = new Marked({
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
    link({ href, tokens }) {
      const label = this.parser.parseInline(tokens)
      return SAFE_URL.test(href) ? `<a href="${escapeHtml(href)}" rel="nofollow">${label}</a>` : label
    },
  },
})

/** A turn's text as inline HTML (no surrounding paragraph). */
export const inlineHtml = (markdown: string): string => (marked.parseInline(markdown, { async: false }) as string).trim()
