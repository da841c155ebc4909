import request from 'supertest';
import { LoginFailure } from '../src/auth/login-throttle.entity';
import { ACCOUNT_SLOWDOWN_MAX_MS, MAX_ADDRESS_FAILURES, MAX_LOGIN_FAILURES } from '../src/auth/login-throttle.service';
import { UserRole } from '../src/auth/user.entity';
import { UsersService } from '../src/auth/users.service';
import { PANEL_PASSWORD } from './support/admin-session';
import { bootTestApp, TestApp } from './support/test-app';

/** Behind a reverse proxy on this host: TRUST_PROXY=loopback makes X-Forwarded-For the client's address. */
describe('log-in throttling behind a reverse proxy (TRUST_PROXY)', () => {
  let testApp: TestApp;
  let users: UsersService;
  const previous = process.env.TRUST_PROXY;

  beforeAll(async () => {
    process.env.TRUST_PROXY = 'loopback';
    testApp = await bootTestApp({ runWorkers: false });
    users = testApp.app.get(UsersService);
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = previous;
    await testApp?.close();
  });

  const logInFrom = (address: string, email: string, password: string) =>
    request(testApp.app.getHttpServer()).post('/admin/login').set('X-Forwarded-For', address).type('form').send({ email, password });
  const signedIn = (response: request.Response) => response.status === 302 && ([] as string[]).concat(response.headers['set-cookie'] ?? []).some((cookie) => cookie.startsWith('wiredesk.sid='));

  it(`checks at most ${MAX_LOGIN_FAILURES} of 40 parallel wrong guesses from one address`, async () => {
    await users.create({ email: 'raced@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    const checked = jest.spyOn(users, 'verifyCredentials');
    try {
      const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => logInFrom('203.0.113.7', 'raced@example.com', `wrong guess ${index}`)));
      expect(answers.every((answer) => !signedIn(answer))).toBe(true);
      expect(checked.mock.calls.length).toBeLessThanOrEqual(MAX_LOGIN_FAILURES);
      expect(answers.filter((answer) => answer.text.includes('Too many failed log-ins for this email from your address'))).toHaveLength(40 - checked.mock.calls.length);
    } finally {
      checked.mockRestore();
    }
    expect(await testApp.dataSource.getRepository(LoginFailure).countBy({ email: 'raced@example.com', ip: '203.0.113.7' })).toBe(MAX_LOGIN_FAILURES);

    // The guesser's address stays locked out of the account, right password included …
    expect(signedIn(await logInFrom('203.0.113.7', 'raced@example.com', PANEL_PASSWORD))).toBe(false);
    // … while its owner, on another address, still logs in (after the account's slowdown).
    const owner = await logInFrom('198.51.100.20', 'raced@example.com', PANEL_PASSWORD);
    expect(signedIn(owner)).toBe(true);
  }, 60_000 + ACCOUNT_SLOWDOWN_MAX_MS);

  it('lets a user log in from another address after strangers on many addresses guessed wrong', async () => {
    await users.create({ email: 'targeted@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    // The guesses go out together, as a botnet's would: each waits out its own account slowdown, so sent one by
    // one they cost the test the sum of those waits (over 20 s) instead of the longest.
    const guesses = await Promise.all(
      [1, 2].flatMap((stranger) => Array.from({ length: MAX_LOGIN_FAILURES }, (_, guess) => logInFrom(`192.0.2.${stranger}`, 'targeted@example.com', `guess ${guess}`))),
    );
    expect(guesses.filter(signedIn)).toEqual([]);
    expect(await testApp.dataSource.getRepository(LoginFailure).countBy({ email: 'targeted@example.com' })).toBe(2 * MAX_LOGIN_FAILURES);
    expect(signedIn(await logInFrom('198.51.100.30', 'targeted@example.com', PANEL_PASSWORD))).toBe(true);
  }, 60_000 + 2 * ACCOUNT_SLOWDOWN_MAX_MS);

  it(`locks an address out of every account after ${MAX_ADDRESS_FAILURES} failures, and no other address`, async () => {
    await users.create({ email: 'sprayed@example.com', password: PANEL_PASSWORD, role: UserRole.Editor });
    for (let index = 0; index < MAX_ADDRESS_FAILURES; index++) await logInFrom('192.0.2.99', `nobody-${index}@example.com`, 'a guess');
    const locked = await logInFrom('192.0.2.99', 'sprayed@example.com', PANEL_PASSWORD);
    expect(signedIn(locked)).toBe(false);
    expect(locked.text).toContain('Too many failed log-ins from your address');
    expect(signedIn(await logInFrom('192.0.2.100', 'sprayed@example.com', PANEL_PASSWORD))).toBe(true);
  }, 120_000);
});
