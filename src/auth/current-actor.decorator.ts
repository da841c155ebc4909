import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from './actor';

export const OPTIONAL_AUTH = 'wiredesk:optional-auth';

/** Public reads: anonymous callers get through (the actor is then `undefined`); credentials, when sent, must be valid. */
export const OptionalAuth = () => SetMetadata(OPTIONAL_AUTH, true);

export type RequestWithActor = Request & { actor?: Actor };

/** The actor {@link ActorGuard} resolved for this request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | undefined => {
  return context.switchToHttp().getRequest<RequestWithActor>().actor;
});
