import { InvalidEnvironmentError, trustProxySetting, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies defaults when nothing is set', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('./.data');
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads PORT as a number and accepts a postgres URL', () => {
    const env = validateEnvironment({ PORT: '8080', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/test');
  });

  it('reads CORS origins and the API rate limit', () => {
    expect(validateEnvironment({ CORS_ORIGINS: 'https://www.example.com, http://localhost:5173' }).CORS_ORIGINS).toBe('https://www.example.com, http://localhost:5173');
    expect(validateEnvironment({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toBe('*');
    expect(validateEnvironment({ RATE_LIMIT_PER_MINUTE: '120' }).RATE_LIMIT_PER_MINUTE).toBe(120);
    expect(validateEnvironment({}).RATE_LIMIT_PER_MINUTE).toBe(600);
  });

  it('reads TRUST_PROXY as hops or a list of proxies, and trusts none when unset', () => {
    expect(trustProxySetting(validateEnvironment({ TRUST_PROXY: '1' }).TRUST_PROXY)).toBe(1);
    expect(trustProxySetting(validateEnvironment({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY)).toEqual(['loopback', '10.0.0.0/8']);
    expect(trustProxySetting(validateEnvironment({}).TRUST_PROXY)).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, 'DATABASE_URL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ ADMIN_EMAIL: 'not-an-email' }, 'ADMIN_EMAIL'],
    [{ CORS_ORIGINS: 'www.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://a.example.com/path' }, 'CORS_ORIGINS'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'everyone' }, 'TRUST_PROXY'],
    [{ NINJS_RIGHTS: '{"AFP": "AFP"}' }, 'NINJS_RIGHTS'],
    [{ NINJS_RIGHTS: '{not json' }, 'NINJS_RIGHTS'],
  ])('rejects %j naming %s', (raw, variable) => {
    expect(() => validateEnvironment(raw)).toThrow(InvalidEnvironmentError);
    expect(() => validateEnvironment(raw)).toThrow(new RegExp(variable));
  });
});
