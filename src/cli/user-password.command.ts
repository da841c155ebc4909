import { createInterface } from 'node:readline';
import { Command, CommandRunner, Option } from 'nest-commander';
import { UsersService } from '../auth/users.service';
import { WiredeskContext } from './wiredesk-context';

/**
 * The new password, read from standard input rather than the command line (where `ps` and shell history
 * would keep it): the first line of what is piped in, or typed at a prompt that does not echo it.
 */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) return promptHidden(input);
  const lines = createInterface({ input, terminal: false });
  try {
    for await (const line of lines) return line.replace(/\r$/, '');
  } finally {
    lines.close();
  }
  throw new Error('no password given: pipe it in, or run the command in a terminal to be asked for it');
}

/** Reads one line from the terminal in raw mode, so what is typed is not shown. */
function promptHidden(input: NodeJS.ReadStream): Promise<string> {
  process.stderr.write('New password (not shown): ');
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return (finish(), resolve(typed));
        if (character === '\u0003') return (finish(), reject(new Error('cancelled')));
        typed = character === '\u007f' ? typed.slice(0, -1) : typed + character;
      }
    };
    input.on('data', onData);
  });
}

/** `user:password --email E`: sets a new password for an account (read from standard input). */
@Command({ name: 'user:password', description: "set a panel account's password (read from standard input)" })
export class UserPasswordCommand extends CommandRunner {
  constructor(private readonly context: WiredeskContext) {
    super();
  }

  @Option({ flags: '--email <email>', description: 'the account', required: true })
  parseEmail(value: string): string {
    return value;
  }

  async run(_parameters: string[], options: { email?: string }): Promise<void> {
    const password = await readPassword();
    const users = await this.context.get(UsersService);
    const user = await users.setPassword(options.email!, password);
    console.log(`set a new password for ${user.email} (user ${user.id})`);
  }
}
