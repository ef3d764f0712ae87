import { APIError } from 'payload'

/**
 * A refusal the client caused (4xx): public, and logged at `info` without a stack
 * (the plugin maps its name in `loggingLevels`), unlike Payload's default for errors.
 */
export class RequestRefused extends APIError {
  constructor(message: string, status = 400, data?: Record<string, unknown>) {
    super(message, status, data, true)
  }
}

export const badRequest = (message: string) => new RequestRefused(message, 400)
export const forbidden = (message: string) => new RequestRefused(message, 403)
export const conflict = (message: string, data?: Record<string, unknown>) => new RequestRefused(message, 409, data)
