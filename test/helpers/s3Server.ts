import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

export type TestS3 = {
  /** S3_* variables that point the app at this server's bucket. */
  env: Record<'S3_ACCESS_KEY_ID' | 'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_SECRET_ACCESS_KEY', string>
  /** An object's bytes and content type, read with the AWS SDK; null when there is no such object. */
  getObject: (key: string) => Promise<{ bytes: Buffer; contentType?: string } | null>
  putObject: (key: string, body: Buffer, contentType: string) => Promise<void>
  stop: () => Promise<void>
}

/**
 * An S3 API server (s3rver, from npm) on a random loopback port, storing into a temp folder, with
 * one empty bucket. s3rver accepts only its own credentials, S3RVER / S3RVER, and checks signatures.
 */
export const startS3Server = async (bucket = 'podcast-media'): Promise<TestS3> => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'podcast-test-s3-'))
  const server = new S3rver({ address: '127.0.0.1', configureBuckets: [{ configs: [], name: bucket }], directory, port: 0, silent: true })
  const { port } = (await server.run()) as AddressInfo
  const endpoint = `http://127.0.0.1:${port}`
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
  // The test's own reader speaks plain SDK defaults, apart from what any non-AWS endpoint needs.
  const client = new S3Client({ credentials, endpoint, forcePathStyle: true, region: 'us-east-1' })
  return {
    env: { S3_ACCESS_KEY_ID: credentials.accessKeyId, S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_SECRET_ACCESS_KEY: credentials.secretAccessKey },
    getObject: async (key) => {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        return { bytes: Buffer.from((await object.Body?.transformToByteArray()) ?? []), contentType: object.ContentType }
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return null
        throw error
      }
    },
    putObject: async (key, body, contentType) => {
      await client.send(new PutObjectCommand({ Body: body, Bucket: bucket, ContentType: contentType, Key: key }))
    },
    stop: async () => {
      client.destroy()
      await server.close()
      await rm(directory, { force: true, recursive: true })
    },
  }
}
