import type { PayloadRequest, Validate } from 'payload'

/**
 * Apple's artwork rule: a square JPEG or PNG of 1400 to 3000 pixels a side. Checked on the
 * upload the field points to, so an editor hears it when choosing the image, not from Apple.
 */
export const appleArtwork =
  (collection: string): Validate =>
  async (value: unknown, { req }: { req: PayloadRequest }) => {
    if (value === null || value === undefined || value === '') return true
    const id = typeof value === 'object' ? (value as { id?: number | string }).id : (value as number | string)
    const image = (await req.payload
      .findByID({ collection: collection as never, depth: 0, disableErrors: true, id: id as number | string, overrideAccess: true, req })
      .catch(() => null)) as null | { height?: null | number; mimeType?: null | string; width?: null | number }
    if (!image) return 'The image was not found.'
    if (!['image/jpeg', 'image/png'].includes(image.mimeType ?? '')) return 'Apple Podcasts needs a JPEG or PNG image.'
    const { height, width } = image
    if (!width || !height || width !== height || width < 1400 || width > 3000) {
      return `Apple Podcasts needs a square image of 1400 to 3000 pixels; this one is ${width ?? '?'} × ${height ?? '?'}.`
    }
    return true
  }
