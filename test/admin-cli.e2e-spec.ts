import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compare } from 'bcryptjs';
import { createMigratedDatabase } from './support/test-database';

const CLI = join(__dirname, '..', 'dist', 'src', 'cli.js');
const run = promisify(execFile);

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Runs the CLI with `input` piped to its standard input. */
function cliWithInput(args: string[], env: NodeJS.ProcessEnv, input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('user:create, user:disable, user:role and user:password', () => {
  let database: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm test builds it first`);
    database = await createMigratedDatabase();
    env = { DATABASE_URL: database.database.url };
  });
  afterAll(() => database.close());

  const user = async (email: string) =>
    (await database.dataSource.query(`SELECT email, role, disabled, "passwordHash" FROM users WHERE email = $1`, [email]))[0];

  it('creates an account with a bcrypt hash and the role asked for', async () => {
    const result = await cli(['user:create', '--email', 'Desk.Editor@Example.com', '--password', 'a sturdy passphrase', '--role', 'editor'], env);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('created editor desk.editor@example.com');
    const row = await user('desk.editor@example.com');
    expect(row).toMatchObject({ role: 'editor', disabled: false });
    expect(await compare('a sturdy passphrase', row.passwordHash)).toBe(true);
  }, 60_000);

  it('refuses a short password, an unknown role and a taken email, creating nothing', async () => {
    // Independent commands run side by side: each CLI process spends seconds booting, mostly on one core.
    const [short, role, taken] = await Promise.all([
      cli(['user:create', '--email', 'short@example.com', '--password', 'tiny', '--role', 'editor'], env),
      cli(['user:create', '--email', 'role@example.com', '--password', 'a sturdy passphrase', '--role', 'boss'], env),
      cli(['user:create', '--email', 'desk.editor@example.com', '--password', 'another passphrase', '--role', 'admin'], env),
    ]);
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('at least 12 characters');
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain('--role must be one of admin, editor, contributor');
    expect(await user('short@example.com')).toBeUndefined();
    expect(await user('role@example.com')).toBeUndefined();
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('already exists');
    expect(await user('desk.editor@example.com')).toMatchObject({ role: 'editor' });
  }, 60_000);

  it('disables an account, and says so for an unknown one', async () => {
    const [result, unknown] = await Promise.all([
      cli(['user:disable', '--email', 'desk.editor@example.com'], env),
      cli(['user:disable', '--email', 'nobody@example.com'], env),
    ]);
    expect(result).toMatchObject({ code: 0 });
    expect((await user('desk.editor@example.com')).disabled).toBe(true);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no user with email nobody@example.com');
  }, 60_000);

  it('promotes an account to admin with user:role, and keeps the last admin from being demoted', async () => {
    await cli(['user:create', '--email', 'recovery@example.com', '--password', 'a sturdy passphrase', '--role', 'contributor'], env);
    const promoted = await cli(['user:role', '--email', 'Recovery@example.com', '--role', 'admin'], env);
    expect(promoted).toMatchObject({ code: 0 });
    expect(promoted.stdout).toContain('recovery@example.com (user');
    expect((await user('recovery@example.com')).role).toBe('admin');

    // Each of these is refused, so none changes what the others see.
    const [demoted, disabled, badRole] = await Promise.all([
      cli(['user:role', '--email', 'recovery@example.com', '--role', 'editor'], env),
      cli(['user:disable', '--email', 'recovery@example.com'], env),
      cli(['user:role', '--email', 'recovery@example.com', '--role', 'boss'], env),
    ]);
    expect(demoted.code).not.toBe(0);
    expect(demoted.stderr).toContain('last enabled admin');
    expect((await user('recovery@example.com')).role).toBe('admin');
    expect(disabled.code).not.toBe(0);
    expect((await user('recovery@example.com')).disabled).toBe(false);

    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('--role must be one of');
  }, 60_000);

  it('sets a password read from standard input with user:password, refusing a short one', async () => {
    const result = await cliWithInput(['user:password', '--email', 'recovery@example.com'], env, 'a brand new passphrase\n');
    expect(result).toMatchObject({ code: 0 });
    expect(await compare('a brand new passphrase', (await user('recovery@example.com')).passwordHash)).toBe(true);

    const [short, unknown] = await Promise.all([
      cliWithInput(['user:password', '--email', 'recovery@example.com'], env, 'tiny\n'),
      cliWithInput(['user:password', '--email', 'nobody@example.com'], env, 'a brand new passphrase\n'),
    ]);
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('at least 12 characters');
    expect(await compare('a brand new passphrase', (await user('recovery@example.com')).passwordHash)).toBe(true);
    expect(unknown.stderr).toContain('no user with email nobody@example.com');
  }, 60_000);
});
