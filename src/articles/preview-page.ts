import type { ArticleDetailView, ArticlePhotoView, PhotoRenditionView } from './article-views';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character]);

/**
 * The picture readers will see: the web size of the stored image (its address is built by Wiredesk, under
 * /media or PUBLIC_BASE_URL). A wire feed's own picture URL is never shown: it is unchecked and often dead.
 */
export const previewImage = (photo: ArticlePhotoView): PhotoRenditionView | undefined => photo.renditions.find((rendition) => rendition.name === 'web');

const UTC_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * Content-Security-Policy for the preview page: no scripts at all, its own inline style, and pictures only
 * from where renditions are served (this server, or PUBLIC_BASE_URL's origin when set).
 */
export function previewPageCsp(publicBaseUrl?: string): string {
  const images = publicBaseUrl ? `'self' ${new URL(publicBaseUrl).origin}` : "'self'";
  return `default-src 'none'; style-src 'unsafe-inline'; img-src ${images}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

const STYLE = `body{font:18px/1.6 Georgia,serif;max-width:44rem;margin:0 auto;padding:1rem;color:#1b1b1b}
.notice{font:14px/1.4 system-ui,sans-serif;background:#fff4ce;border:1px solid #e0c36a;padding:.6rem .8rem;border-radius:4px}
h1{font-size:2rem;line-height:1.2;margin:1.2rem 0 .4rem}.bylines{font:15px system-ui,sans-serif;color:#555}
figure{margin:1.2rem 0}img{max-width:100%;height:auto;display:block}figcaption{font:14px/1.4 system-ui,sans-serif;color:#444;margin-top:.3rem}
.credit{color:#777;margin-left:.3rem}.section{font:600 13px system-ui,sans-serif;text-transform:uppercase;letter-spacing:.06em;color:#a11}`;

/** "By A, B and C" for writers; photographers are credited under their pictures. */
function bylineLine(article: ArticleDetailView): string {
  const names = article.bylines.filter((byline) => byline.role === 'writer').map((byline) => byline.name);
  if (names.length === 0) return '';
  return `By ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}`;
}

/** The article body a reader would see, as a whole HTML document (the readable half of a shared preview link). */
export function renderArticleHtml(article: ArticleDetailView, notice: string, section: string | null = null): string {
  const photos = article.photos
    .map((photo) => {
      const web = previewImage(photo);
      const image = web ? `<img src="${escapeHtml(web.href)}" width="${web.width}" height="${web.height}" alt="${escapeHtml(photo.caption)}">` : '';
      const credit = photo.credit ? `<span class="credit">${escapeHtml(photo.credit)}</span>` : '';
      return `<figure>${image}<figcaption>${escapeHtml(photo.caption)}${credit}</figcaption></figure>`;
    })
    .join('\n');
  const byline = bylineLine(article);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>Preview: ${escapeHtml(article.headline)}</title><style>${STYLE}</style></head>
<body><p class="notice" role="status">${escapeHtml(notice)}</p>
<article>${section ? `<p class="section">${escapeHtml(section)}</p>` : ''}
<h1>${escapeHtml(article.headline)}</h1>
${byline ? `<p class="bylines">${escapeHtml(byline)}</p>` : ''}
${photos}
${article.body.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
</article></body></html>`;
}

/** What the shared page says above the article: that it is a preview, what state the copy is in, and until when the link works. */
export function previewNotice(article: ArticleDetailView, expiresAt: Date): string {
  const state = article.status === 'published' ? 'published' : article.scheduledAt ? `scheduled for ${UTC_TIME.format(new Date(article.scheduledAt))} UTC` : `${article.status}, not published`;
  return `Preview (${state}). This link works until ${UTC_TIME.format(expiresAt)} UTC; please do not share it further.`;
}

/** A page for a link that does not work, saying why. */
export function renderPreviewProblemHtml(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><title>Preview unavailable</title><style>${STYLE}</style></head>
<body><h1>Preview unavailable</h1><p>${escapeHtml(message)}</p></body></html>`;
}
