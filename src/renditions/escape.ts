const HTML: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;' }

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (text: string) => text.replace(/["&'<>]/g, (char) => HTML[char])

/** Text made safe inside a WebVTT cue or voice annotation: `&`, `<` and `>` as character references. */
export const escapeVtt = (text: string) => text.replace(/[&<>]/g, (char) => HTML[char])
