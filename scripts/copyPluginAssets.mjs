// The plugin's non-code files that `tsc` does not copy into dist: the seed's demo transcripts.
import { cpSync } from 'node:fs'

cpSync('src/seed/transcripts', 'dist/seed/transcripts', { recursive: true })
