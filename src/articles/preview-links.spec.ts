import { PreviewLinkSigner } from './preview-links';

describe('PreviewLinkSigner', () => {
  const signer = new PreviewLinkSigner('a'.repeat(64));
  const now = new Date('2026-11-30T12:00:00Z');
  const grant = { articleId: 42, expiresAt: new Date('2026-11-30T14:00:00Z') };

  it('accepts its own link until it expires', () => {
    const token = signer.sign(grant);
    expect(signer.check(token, now)).toEqual({ valid: true, grant });
    expect(signer.check(token, new Date('2026-11-30T14:00:00Z'))).toMatchObject({ valid: false, reason: 'expired' });
  });

  it('refuses a link whose article or expiry was changed, or signed with another secret', () => {
    const [, expires, signature] = signer.sign(grant).split('.');
    expect(signer.check(`43.${expires}.${signature}`, now)).toMatchObject({ valid: false, reason: 'forged' });
    expect(signer.check(`42.${Number(expires) + 3600}.${signature}`, now)).toMatchObject({ valid: false, reason: 'forged' });
    expect(new PreviewLinkSigner('b'.repeat(64)).check(signer.sign(grant), now)).toMatchObject({ valid: false, reason: 'forged' });
  });

  it('refuses anything that is not a link', () => {
    for (const token of ['', '42', '42.1.x', `42.1.${'x'.repeat(42)}`, '../../etc/passwd']) {
      expect(signer.check(token, now)).toMatchObject({ valid: false, reason: 'malformed' });
    }
  });
});
