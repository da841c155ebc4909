import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { RenditionName } from './photo-rendition.entity';

/** What an upload may be: the format sharp finds in the bytes, never the name or the declared type. */
export const ACCEPTED_FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
export type AcceptedFormat = keyof typeof ACCEPTED_FORMATS;

/** Served sizes: the Photos list's thumbnail and the website's size, by width (never enlarged). */
export const RENDITION_WIDTHS: Record<Exclude<RenditionName, RenditionName.Original>, number> = {
  [RenditionName.Thumbnail]: 320,
  [RenditionName.Web]: 1280,
};

/** Pictures larger than this many pixels are refused before decoding (a decompression bomb). */
const MAX_PIXELS = 100_000_000;

export interface RenderedImage {
  name: RenditionName;
  bytes: Buffer;
  contentType: string;
  width: number;
  height: number;
  sha256: string;
}

export class NotAnImageError extends Error {}

/** The format of `bytes` if they are a whole JPEG, PNG or WebP picture; otherwise why not. */
export async function inspectImage(bytes: Buffer): Promise<{ format: AcceptedFormat; width: number; height: number }> {
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new NotAnImageError('the file is not an image');
  }
  const format = metadata.format as string | undefined;
  if (!format || !(format in ACCEPTED_FORMATS)) {
    throw new NotAnImageError(`the file is ${format ? `a ${format.toUpperCase()} image` : 'not an image'}; upload a JPEG, PNG or WebP picture`);
  }
  if (!metadata.width || !metadata.height) throw new NotAnImageError('the image has no size');
  return { format: format as AcceptedFormat, width: metadata.width, height: metadata.height };
}

/**
 * The original (kept as uploaded) and the served sizes: turned upright by their EXIF orientation, then
 * written without any metadata (camera, GPS position, owner), in the upload's own format.
 */
export async function renderImage(bytes: Buffer): Promise<RenderedImage[]> {
  const { format, width, height } = await inspectImage(bytes);
  const rendered: RenderedImage[] = [{ name: RenditionName.Original, bytes, contentType: ACCEPTED_FORMATS[format], width, height, sha256: sha256(bytes) }];
  for (const [name, maxWidth] of Object.entries(RENDITION_WIDTHS) as Array<[RenditionName, number]>) {
    try {
      const pipeline = sharp(bytes, { limitInputPixels: MAX_PIXELS }).rotate().resize({ width: maxWidth, withoutEnlargement: true });
      const encoded = format === 'jpeg' ? pipeline.jpeg({ quality: 82, mozjpeg: true }) : format === 'png' ? pipeline.png() : pipeline.webp({ quality: 80 });
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
      rendered.push({ name, bytes: data, contentType: ACCEPTED_FORMATS[format], width: info.width, height: info.height, sha256: sha256(data) });
    } catch {
      throw new NotAnImageError('the image is damaged: it could not be decoded');
    }
  }
  return rendered;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
