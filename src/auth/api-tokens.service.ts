import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { Actor, assertCan, Permission, TokenScope } from './actor';
import { ApiToken } from './api-token.entity';
import { AuthError, AuthErrorCode } from './auth-error';

const TOKEN_PREFIX = 'wd_';
const VISIBLE_PREFIX_LENGTH = 10;
// lastUsedAt is for admins spotting dead tokens; writing it on every request would cost a write per read.
const LAST_USED_RESOLUTION_MS = 60_000;

export interface IssuedToken {
  token: ApiToken;
  /** The bearer secret: returned only here, never stored. */
  secret: string;
}

@Injectable()
export class ApiTokensService {
  constructor(@InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>) {}

  async create(input: { name: string; scopes: TokenScope[] }, actor: Actor): Promise<IssuedToken> {
    assertCan(actor, Permission.ManageIntegrations);
    // A token can hand out no more than it holds: a leaked integrations token must not mint a publisher.
    if (actor.kind === 'token') {
      const beyond = input.scopes.filter((scope) => !actor.scopes.includes(scope));
      if (beyond.length > 0) throw new AuthError(AuthErrorCode.Forbidden, `token "${actor.name}" may not create a token with scopes it does not hold: ${beyond.join(', ')}`);
    }
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const saved = await this.tokens.save(
      this.tokens.create({
        name: input.name.trim(),
        scopes: [...new Set(input.scopes)].sort(),
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
        createdById: actor.kind === 'user' ? actor.id : null,
      }),
    );
    return { token: await this.tokens.findOneByOrFail({ id: saved.id }), secret };
  }

  list(actor: Actor): Promise<ApiToken[]> {
    assertCan(actor, Permission.ManageIntegrations);
    return this.tokens.find({ order: { id: 'ASC' } });
  }

  /** Revoking twice is harmless and keeps the first revocation time. */
  async revoke(id: number, actor: Actor): Promise<ApiToken> {
    assertCan(actor, Permission.ManageIntegrations);
    const token = await this.tokens.findOneBy({ id });
    if (!token) throw new AuthError(AuthErrorCode.TokenNotFound, `no API token with id ${id}`);
    token.revokedAt ??= new Date();
    return this.tokens.save(token);
  }

  /** The token actor for a bearer secret, or null when it is unknown or revoked. */
  async authenticate(secret: string): Promise<Actor | null> {
    const token = await this.tokens.findOneBy({ tokenHash: hashToken(secret), revokedAt: IsNull() });
    if (!token) return null;
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.tokens.update({ id: token.id }, { lastUsedAt: new Date() });
    }
    return { kind: 'token', id: token.id, name: token.name, scopes: token.scopes };
  }
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
