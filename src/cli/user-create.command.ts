import { Command, CommandRunner, Option } from 'nest-commander';
import { UserRole } from '../auth/user.entity';
import { UsersService } from '../auth/users.service';
import { WiredeskContext } from './wiredesk-context';

const ROLES = Object.values(UserRole) as string[];

interface UserCreateOptions {
  email?: string;
  password?: string;
  role?: UserRole;
}

/** `user:create --email E --password P --role R`: an account for the admin panel. */
@Command({ name: 'user:create', description: `create a panel account (roles: ${ROLES.join(', ')})` })
export class UserCreateCommand extends CommandRunner {
  constructor(private readonly context: WiredeskContext) {
    super();
  }

  @Option({ flags: '--email <email>', description: 'log-in email (stored lower-case)', required: true })
  parseEmail(value: string): string {
    if (!/^[^@\s]+@[^@\s]+$/.test(value.trim())) throw new Error('--email must be an email address');
    return value;
  }

  @Option({ flags: '--password <password>', description: 'at least 12 characters', required: true })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '--role <role>', description: ROLES.join(' | '), required: true })
  parseRole(value: string): UserRole {
    if (!ROLES.includes(value)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    return value as UserRole;
  }

  async run(_parameters: string[], options: UserCreateOptions): Promise<void> {
    const users = await this.context.get(UsersService);
    const user = await users.create({ email: options.email!, password: options.password!, role: options.role! });
    console.log(`created ${user.role} ${user.email} (user ${user.id}); they can log in at /admin`);
  }
}
