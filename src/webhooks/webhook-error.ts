import { DomainError } from '../common/domain-error';

export enum WebhookErrorCode {
  NotFound = 'WEBHOOK_NOT_FOUND',
  InvalidSubscription = 'WEBHOOK_INVALID_SUBSCRIPTION',
  ReplayRefused = 'WEBHOOK_REPLAY_REFUSED',
}

const STATUS: Record<WebhookErrorCode, number> = {
  [WebhookErrorCode.NotFound]: 404,
  [WebhookErrorCode.InvalidSubscription]: 400,
  [WebhookErrorCode.ReplayRefused]: 409,
};

export class WebhookError extends DomainError<WebhookErrorCode> {
  readonly domain = 'webhooks';
  constructor(code: WebhookErrorCode, message: string) {
    super(code, message, STATUS[code]);
  }
}
