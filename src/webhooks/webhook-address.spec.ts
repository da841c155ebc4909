import { isPrivateAddress, refusedWebhookAddress } from './webhook-address';

describe('webhook address guard', () => {
  it('refuses loopback, link-local, private, unspecified and mapped addresses, and accepts public ones', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) {
      expect({ address, refused: isPrivateAddress(address) }).toEqual({ address, refused: true });
    }
    for (const address of ['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect({ address, refused: isPrivateAddress(address) }).toEqual({ address, refused: false });
    }
  });

  it('judges a URL by what its host resolves to, unless private addresses are allowed', async () => {
    expect(await refusedWebhookAddress('http://169.254.169.254/latest/meta-data', false)).toContain('169.254.169.254');
    expect(await refusedWebhookAddress('http://[::1]:22/', false)).toContain('::1');
    expect(await refusedWebhookAddress('http://localhost:5432/', false)).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    expect(await refusedWebhookAddress('http://localhost:5432/', true)).toBeUndefined();
    expect(await refusedWebhookAddress('http://93.184.216.34/hook', false)).toBeUndefined();
  });
});
