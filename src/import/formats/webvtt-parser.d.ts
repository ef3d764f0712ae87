// webvtt-parser (the W3C validator's parser) ships no types: what the plugin and its tests use of it.
declare module 'webvtt-parser' {
  export class WebVTTParser {
    constructor(entities?: Record<string, string>)
    parse(input: string, mode?: 'metadata' | 'chapters'): { cues: unknown[]; errors: { line: number; message: string }[] }
  }
  const webvtt: { WebVTTParser: typeof WebVTTParser }
  export default webvtt
}
