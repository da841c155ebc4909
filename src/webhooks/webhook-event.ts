import { ArticleEventName } from '../articles/article-events';
import { ImportEventName } from '../imports/import-events';

/** The events a subscriber may ask for. */
export const WEBHOOK_EVENTS = [
  ArticleEventName.Published,
  ArticleEventName.Unpublished,
  ArticleEventName.Updated,
  ImportEventName.Completed,
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
