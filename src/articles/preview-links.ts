import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a valid preview link grants: one article, until a moment. */
export interface PreviewGrant {
  articleId: number;
  expiresAt: Date;
}

export type PreviewLinkCheck = { valid: true; grant: PreviewGrant } | { valid: false; reason: 'malformed' | 'forged' | 'expired'; expiresAt?: Date };

const TOKEN = /^(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Signed, time-limited preview links: `<articleId>.<expiry in epoch seconds>.<HMAC-SHA256>`. Nothing is stored,
 * so a link cannot be revoked early; it is short-lived instead. The key is derived from the app secret for this
 * purpose only, so a preview signature can never stand in for a session cookie's and vice versa.
 */
export class PreviewLinkSigner {
  private readonly key: Buffer;

  constructor(appSecret: string) {
    this.key = createHmac('sha256', appSecret).update('wiredesk preview links v1').digest();
  }

  sign(grant: PreviewGrant): string {
    const expires = Math.floor(grant.expiresAt.getTime() / 1000);
    return `${grant.articleId}.${expires}.${this.signature(grant.articleId, expires)}`;
  }

  check(token: string, now: Date = new Date()): PreviewLinkCheck {
    const match = TOKEN.exec(token);
    if (!match) return { valid: false, reason: 'malformed' };
    const [, id, expires, signature] = match;
    const expected = Buffer.from(this.signature(Number(id), Number(expires)));
    if (!timingSafeEqual(expected, Buffer.from(signature))) return { valid: false, reason: 'forged' };
    const expiresAt = new Date(Number(expires) * 1000);
    if (expiresAt.getTime() <= now.getTime()) return { valid: false, reason: 'expired', expiresAt };
    return { valid: true, grant: { articleId: Number(id), expiresAt } };
  }

  private signature(articleId: number, expires: number): string {
    return createHmac('sha256', this.key).update(`${articleId}.${expires}`).digest('base64url');
  }
}
