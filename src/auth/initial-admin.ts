import { randomBytes } from 'node:crypto';
import { UserRole } from './user.entity';
import { UsersService } from './users.service';

export const DEFAULT_ADMIN_EMAIL = 'admin@wiredesk.local';

export interface InitialAdmin {
  email: string;
  /** Set only when this start created the account with a generated password, which is shown this once. */
  generatedPassword?: string;
}

/**
 * The first start creates an admin so someone can log in: from ADMIN_EMAIL/ADMIN_PASSWORD when given,
 * else with a generated password. Later starts leave users alone.
 */
export async function ensureInitialAdmin(
  users: UsersService,
  env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string },
): Promise<InitialAdmin | null> {
  if ((await users.countAdmins()) > 0) return null;
  const email = env.ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL;
  const generatedPassword = env.ADMIN_PASSWORD ? undefined : randomBytes(12).toString('base64url');
  await users.create({ email, password: env.ADMIN_PASSWORD ?? generatedPassword!, role: UserRole.Admin });
  return { email, generatedPassword };
}
