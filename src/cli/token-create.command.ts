import { Command, CommandRunner, Option } from 'nest-commander';
import { Actor, TokenScope } from '../auth/actor';
import { ApiTokensService } from '../auth/api-tokens.service';
import { WiredeskContext } from './wiredesk-context';

const OPERATOR: Actor = { kind: 'system', name: 'cli' };
const SCOPES = Object.values(TokenScope) as string[];

interface TokenCreateOptions {
  name?: string;
  scopes?: TokenScope[];
}

/** `token:create --name website --scopes content:read`: prints the details, then the secret alone on the last line. */
@Command({ name: 'token:create', description: `create an API token (scopes: ${SCOPES.join(', ')})` })
export class TokenCreateCommand extends CommandRunner {
  constructor(private readonly context: WiredeskContext) {
    super();
  }

  @Option({ flags: '--name <name>', description: 'who uses the token, e.g. "website"', required: true })
  parseName(value: string): string {
    if (value.trim().length === 0 || value.length > 100) throw new Error('--name must be 1 to 100 characters');
    return value;
  }

  @Option({ flags: '--scopes <scopes>', description: `comma-separated: ${SCOPES.join(',')}`, required: true })
  parseScopes(value: string): TokenScope[] {
    const scopes = value.split(',').map((scope) => scope.trim()).filter((scope) => scope.length > 0);
    const unknown = scopes.filter((scope) => !SCOPES.includes(scope));
    if (scopes.length === 0 || unknown.length > 0) {
      throw new Error(`--scopes must list some of ${SCOPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
    }
    return scopes as TokenScope[];
  }

  async run(_parameters: string[], options: TokenCreateOptions): Promise<void> {
    const tokens = await this.context.get(ApiTokensService);
    const { token, secret } = await tokens.create({ name: options.name!, scopes: options.scopes! }, OPERATOR);
    console.log(`created API token ${token.id} "${token.name}" with scopes ${token.scopes.join(', ')}; it is shown only this once:`);
    console.log(secret);
  }
}

@Command({ name: 'token:revoke', arguments: '<id>', description: 'revoke an API token by its id; it stops working at once' })
export class TokenRevokeCommand extends CommandRunner {
  constructor(private readonly context: WiredeskContext) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    if (!/^\d+$/.test(id)) throw new Error(`the token id must be a number, not "${id}"`);
    const tokens = await this.context.get(ApiTokensService);
    const token = await tokens.revoke(Number(id), OPERATOR);
    console.log(`revoked API token ${token.id} "${token.name}" at ${token.revokedAt!.toISOString()}`);
  }
}
