import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SECRET_FILE = 'session-secret';

/**
 * The secret that signs panel session cookies: SESSION_SECRET when set (required in production), else one
 * generated on the first start and kept in DATA_DIR, so development sessions survive restarts.
 */
export async function resolveSessionSecret(env: { SESSION_SECRET?: string; DATA_DIR: string }): Promise<string> {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = join(env.DATA_DIR, SECRET_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const generated = randomBytes(32).toString('hex');
  await mkdir(env.DATA_DIR, { recursive: true });
  // `wx` fails if another process created the file meanwhile; its secret then wins.
  try {
    await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(file, 'utf8')).trim();
  }
}
