import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The express server in server/ owns the process; Next only renders the admin and API routes.
  poweredByHeader: false,
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
