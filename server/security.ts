import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Headers for every response, the admin's and the API's: no MIME sniffing, no framing
 * by other sites (Live Preview frames this same origin), no full URLs in Referer to
 * other sites, and HSTS when the request came over HTTPS (directly or, with TRUST_PROXY,
 * through the proxy).
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'SAMEORIGIN')
  res.setHeader('Content-Security-Policy', "frame-ancestors 'self'")
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  next()
}

/**
 * CSRF: a write that authenticates with the session cookie must come from this server's
 * own origin or one of `allowedOrigins` (CORS_ORIGINS). Token (Authorization header)
 * requests are not affected: another site cannot make a browser send those. Without an
 * Origin header, a browser's `Sec-Fetch-Site: cross-site` is refused too.
 */
export const refuseCrossSiteWrites =
  ({ allowedOrigins, cookieName }: { allowedOrigins: string[]; cookieName: string }): RequestHandler =>
  (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const cookies = req.headers.cookie ?? ''
    if (!cookies.split(';').some((cookie) => cookie.trim().startsWith(`${cookieName}=`))) return next()
    const origin = req.headers.origin
    const sameOrigin = origin === `${req.protocol}://${req.host}`
    const allowed = origin ? sameOrigin || allowedOrigins.includes(origin) : req.headers['sec-fetch-site'] !== 'cross-site'
    if (allowed) return next()
    res
      .status(403)
      .set('Cache-Control', 'no-store')
      .json({ errors: [{ message: `Cross-site request refused: ${origin ?? 'another site'} may not write with this site's session cookie.` }] })
  }

/** Marks the auth cookie `Secure` when the request came over HTTPS (Payload's flag is fixed at config time). */
export const secureCookies = (cookies: string[], secure: boolean): string[] =>
  secure ? cookies.map((cookie) => (/;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`)) : cookies

/**
 * Without TRUST_PROXY, behind a proxy every client has the proxy's address, so they all
 * share one login throttle: say so once when forwarded requests arrive.
 */
export const warnOnceAboutProxy = (payload: Payload): RequestHandler => {
  let warned = false
  return (req, _res, next) => {
    if (!warned && req.headers['x-forwarded-for']) {
      warned = true
      payload.logger.warn(
        "Requests arrive through a proxy (X-Forwarded-For) but TRUST_PROXY is unset: every client then has the proxy's address, and shares its login throttle. Set TRUST_PROXY to the number of proxies in front, or their addresses.",
      )
    }
    next()
  }
}
