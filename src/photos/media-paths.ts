import { type PhotoRendition, RenditionName } from './photo-rendition.entity';

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The sizes served under /media (the original is kept, never served). */
export const SERVED_RENDITIONS: readonly RenditionName[] = [RenditionName.Thumbnail, RenditionName.Web];

/**
 * Where a served size is: a path under this server, or an absolute URL when `publicBaseUrl` (PUBLIC_BASE_URL)
 * is given. The hash in it changes with the image, so it may be cached for good.
 */
export function renditionHref(rendition: Pick<PhotoRendition, 'photoId' | 'name' | 'sha256' | 'contentType'>, publicBaseUrl?: string): string {
  return `${publicBaseUrl ?? ''}/media/photos/${rendition.photoId}/${rendition.name}/${rendition.sha256.slice(0, 16)}.${EXTENSION[rendition.contentType]}`;
}
