import { Command, CommandRunner, Option } from 'nest-commander';
import { UserRole } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { WiredeskContext } from './wiredesk-context';

const ROLES = Object.values(UserRole) as string[];

/**
 * `user:role --email E --role R`: the operator's way to give an account a role, e.g. an admin again when no
 * admin can log in. The last enabled admin is not demoted. Open sessions of the account get the new role on
 * their next request, under a new session id.
 */
@Command({ name: 'user:role', description: `set a panel account's role (${ROLES.join(', ')})` })
export class UserRoleCommand extends CommandRunner {
  constructor(private readonly context: WiredeskContext) {
    super();
  }

  @Option({ flags: '--email <email>', description: 'the account', required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', description: ROLES.join(' | '), required: true })
  parseRole(value: string): UserRole {
    if (!ROLES.includes(value)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    return value as UserRole;
  }

  async run(_parameters: string[], options: { email?: string; role?: UserRole }): Promise<void> {
    const users = await this.context.get(UsersService);
    const { user, changed } = await users.setRole(options.email!, options.role!);
    console.log(changed ? `${user.email} (user ${user.id}) is now ${user.role}` : `${user.email} (user ${user.id}) is already ${user.role}: nothing changed`);
  }
}
