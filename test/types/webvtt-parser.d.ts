// webvtt-parser (the W3C's validator's parser) ships no types; what the tests use of it.
declare module 'webvtt-parser' {
  export class WebVTTParser {
    parse(input: string, mode?: 'metadata' | 'chapters'): { cues: unknown[]; errors: { line: number; message: string }[] }
  }
  const webvtt: { WebVTTParser: typeof WebVTTParser }
  export default webvtt
}
