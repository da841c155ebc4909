import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from '../common/api-document';
import type { Request } from 'express';
import { type Actor, Permission } from './actor';

export const OPTIONAL_AUTH = 'wiredesk:optional-auth';

/** Public reads: anonymous callers get through (the actor is then `undefined`); credentials, when sent, must be valid. */
export const OptionalAuth = () => applyDecorators(SetMetadata(OPTIONAL_AUTH, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));

export type RequestWithActor = Request & { actor?: Actor };

/** The actor {@link ActorGuard} resolved for this request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | undefined => {
  return context.switchToHttp().getRequest<RequestWithActor>().actor;
});

export const NEEDS_PERMISSION = 'wiredesk:needs-permission';

/**
 * The least a caller must be allowed to do for this route to make sense at all. {@link ActorGuard} refuses
 * anyone lacking it (403) before the body is validated, so a caller without the right learns that first.
 * The service still checks the exact rule (editing published copy needs more than editing a draft).
 */
export const Needs = (permission: Permission) => SetMetadata(NEEDS_PERMISSION, permission);
