import { signPayload, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const now = Date.UTC(2026, 10, 26, 10, 0, 0);
  const timestamp = now / 1000;
  const body = '{"event":"article.published"}';

  it('signs "<timestamp>.<body>" with HMAC-SHA256, as openssl computes it', () => {
    // printf '%s' '1795687200.{"event":"article.published"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signPayload(secret, timestamp, body)).toBe('sha256=7331ffe3da53f53f09b887cd499d4c0f9245b1634f6fe5146e0ecd6017f0d541');
    expect(verifySignature(secret, timestamp, body, signPayload(secret, timestamp, body), 300, now)).toBe(true);
  });

  it('fails for another body, secret or timestamp, and for stale deliveries', () => {
    const signature = signPayload(secret, timestamp, body);
    expect(verifySignature(secret, timestamp, `${body} `, signature, 300, now)).toBe(false);
    expect(verifySignature('other', timestamp, body, signature, 300, now)).toBe(false);
    expect(verifySignature(secret, timestamp + 1, body, signature, 300, now)).toBe(false);
    expect(verifySignature(secret, timestamp, body, signature, 300, now + 301_000)).toBe(false);
  });
});
