import { signPayload, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const now = Date.UTC(2026, 10, 26, 10, 0, 0);
  const timestamp = now / 1000;
  const body = '{"event":"article.published"}';

  it('signs timestamp and body with HMAC-SHA256', () => {
    // echo -n '1795687200.{"event":"article.published"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signPayload(secret, timestamp, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
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
