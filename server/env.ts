// Loads .env / .env.local the way Next does, before anything reads process.env.
import nextEnv from '@next/env'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

nextEnv.loadEnvConfig(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), process.env.NODE_ENV !== 'production')
