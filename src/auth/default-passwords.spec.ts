import { validateEnvironment } from '../config/environment';
import { isKnownDefaultPassword } from './default-passwords';

const SECRET = 'x'.repeat(40);

describe('known default passwords', () => {
  it('recognises the examples from the docs, whatever the case or surrounding spaces', () => {
    expect(isKnownDefaultPassword('a long passphrase')).toBe(true);
    expect(isKnownDefaultPassword(' Choose-A-Long-One ')).toBe(true);
    expect(isKnownDefaultPassword('k7#Vq!2pL9zR')).toBe(false);
  });

  it('stops a production start whose first-admin password is one of them', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production', SESSION_SECRET: SECRET, ADMIN_PASSWORD: 'a long passphrase' })).toThrow(/ADMIN_PASSWORD is a published example/);
    expect(validateEnvironment({ NODE_ENV: 'production', SESSION_SECRET: SECRET, ADMIN_PASSWORD: 'k7#Vq!2pL9zR-own' }).ADMIN_PASSWORD).toBe('k7#Vq!2pL9zR-own');
  });

  it('allows them in development, where the README uses them', () => {
    expect(validateEnvironment({ ADMIN_PASSWORD: 'a long passphrase' }).ADMIN_PASSWORD).toBe('a long passphrase');
  });
});
