import { Command, CommandRunner, Option } from 'nest-commander';
import { UsersService } from '../auth/users.service';
import { WiredeskContext } from './wiredesk-context';

/** `user:disable --email E`: the account can no longer log in, and any change attempted from a session it still has open is refused. */
@Command({ name: 'user:disable', description: 'disable a panel account (no log-in; open sessions can no longer change anything)' })
export class UserDisableCommand extends CommandRunner {
  constructor(private readonly context: WiredeskContext) {
    super();
  }

  @Option({ flags: '--email <email>', description: 'the account to disable', required: true })
  parseEmail(value: string): string {
    return value;
  }

  async run(_parameters: string[], options: { email?: string }): Promise<void> {
    const users = await this.context.get(UsersService);
    const user = await users.setDisabled(options.email!, true);
    console.log(`disabled ${user.email} (user ${user.id})`);
  }
}
