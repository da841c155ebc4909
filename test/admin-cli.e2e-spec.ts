import { execFile } from 'node:child_process';
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

describe('user:create and user:disable', () => {
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
    const short = await cli(['user:create', '--email', 'short@example.com', '--password', 'tiny', '--role', 'editor'], env);
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('at least 12 characters');
    const role = await cli(['user:create', '--email', 'role@example.com', '--password', 'a sturdy passphrase', '--role', 'boss'], env);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain('--role must be one of admin, editor, contributor');
    expect(await user('short@example.com')).toBeUndefined();
    expect(await user('role@example.com')).toBeUndefined();
    const taken = await cli(['user:create', '--email', 'desk.editor@example.com', '--password', 'another passphrase', '--role', 'admin'], env);
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('already exists');
  }, 60_000);

  it('disables an account, and says so for an unknown one', async () => {
    const result = await cli(['user:disable', '--email', 'desk.editor@example.com'], env);
    expect(result).toMatchObject({ code: 0 });
    expect((await user('desk.editor@example.com')).disabled).toBe(true);
    const unknown = await cli(['user:disable', '--email', 'nobody@example.com'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no user with email nobody@example.com');
  }, 60_000);
});
