import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { type Actor, assertCan, Permission } from './actor';
import { ApiTokensService } from './api-tokens.service';
import { AuthError, AuthErrorCode } from './auth-error';
import { NEEDS_PERMISSION, OPTIONAL_AUTH, RequestWithActor } from './current-actor.decorator';
import { UsersService } from './users.service';

interface SessionUser {
  id: number;
}

/**
 * Resolves who is calling: `Authorization: Bearer <token>` first, else the panel's session user
 * (re-read from the database, so a disabled account stops working at once). Routes without
 * {@link OptionalAuth} refuse anonymous callers with 401, and routes marked {@link Needs} callers without
 * that permission with 403; both before any pipe validates the request.
 */
@Injectable()
export class ActorGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokensService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor & { session?: { adminUser?: SessionUser } }>();
    const response = context.switchToHttp().getResponse<Response>();
    const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, [context.getHandler(), context.getClass()]) ?? false;
    const actor = await this.resolve(request, response);
    if (!actor && !optional) throw unauthenticated(response, 'this route needs an API token (Authorization: Bearer …) or a signed-in session');
    const needed = this.reflector.getAllAndOverride<Permission | undefined>(NEEDS_PERMISSION, [context.getHandler(), context.getClass()]);
    if (needed !== undefined && actor) assertCan(actor, needed);
    request.actor = actor;
    return true;
  }

  private async resolve(request: RequestWithActor & { session?: { adminUser?: SessionUser } }, response: Response): Promise<Actor | undefined> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw unauthenticated(response, 'the Authorization header must be "Bearer <token>"');
      const actor = await this.tokens.authenticate(match[1]);
      if (!actor) throw unauthenticated(response, 'the API token is unknown or has been revoked');
      return actor;
    }
    const sessionUserId = request.session?.adminUser?.id;
    if (sessionUserId === undefined) return undefined;
    const user = await this.users.findById(sessionUserId);
    if (!user || user.disabled) throw unauthenticated(response, 'the signed-in account no longer exists or has been disabled');
    return { kind: 'user', id: user.id, email: user.email, role: user.role };
  }
}

function unauthenticated(response: Response, message: string): AuthError {
  response.setHeader('WWW-Authenticate', 'Bearer realm="wiredesk"');
  return new AuthError(AuthErrorCode.Unauthenticated, message);
}
