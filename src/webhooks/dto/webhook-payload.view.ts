import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArticleStatus } from '../../articles/article-status';
import { ImportCountsDto } from '../../imports/dto/import.dto';
import { ImportStatus } from '../../imports/import.entity';

/**
 * What subscribers receive: documented as components (the document is OpenAPI 3.0, which has no `webhooks`
 * object) and tied to the events under `x-webhooks` (see api-document.ts). Built by webhook-payloads.ts.
 */

export class WebhookArticleView {
  @ApiProperty({ example: 42 }) id: number;
  @ApiProperty({ example: 'regional-shifts-loom-over-larijanis-talks-in-baghdad' }) slug: string;
  @ApiProperty({ example: 'Regional Shifts Loom over Larijani’s Talks in Baghdad' }) headline: string;
  @ApiProperty({ enum: ArticleStatus }) status: ArticleStatus;
  @ApiProperty({ example: 4 }) version: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'The latest publication' }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'The first publication' }) firstPublishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: string | null;
}

export class WebhookRecordChangeView {
  @ApiProperty({ example: 5, description: 'The photo or author id' }) id: number;
  @ApiProperty({ type: String, isArray: true, example: ['credit'] }) fields: string[];
}

export class WebhookArticleChangesView {
  @ApiPropertyOptional({ type: String, isArray: true, example: ['headline', 'body'], description: 'Parts of the article\'s own copy that changed (a new version)' })
  copy?: string[];
  @ApiPropertyOptional({ type: WebhookRecordChangeView, isArray: true, description: 'Photos it prints that changed (credit, agency, photographer, URL)' })
  photos?: WebhookRecordChangeView[];
  @ApiPropertyOptional({ type: WebhookRecordChangeView, isArray: true, description: 'Authors it names who were renamed or merged' })
  authors?: WebhookRecordChangeView[];
}

const PURGE_KEYS = {
  type: String,
  isArray: true,
  example: ['article-42', 'articles', 'section-3'],
  description: 'The Surrogate-Key / Cache-Tag values of every public answer the change may have altered: purge these',
} as const;

export class ArticleStatusWebhookData {
  @ApiProperty({ type: WebhookArticleView }) article: WebhookArticleView;
  @ApiProperty(PURGE_KEYS) purgeKeys: string[];
}

export class ArticleUpdatedWebhookData {
  @ApiProperty({ type: WebhookArticleView }) article: WebhookArticleView;
  @ApiProperty({ type: WebhookArticleChangesView }) changes: WebhookArticleChangesView;
  @ApiProperty(PURGE_KEYS) purgeKeys: string[];
}

export class WebhookImportView {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ example: 'afp-2026-11-26.txt' }) fileName: string;
  @ApiProperty({ enum: [ImportStatus.Completed, ImportStatus.Rejected, ImportStatus.Failed] }) status: ImportStatus;
  @ApiProperty({ type: ImportCountsDto, nullable: true }) counts: ImportCountsDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}

export class ImportCompletedWebhookData {
  @ApiProperty({ type: WebhookImportView }) import: WebhookImportView;
}

/** The envelope every delivery shares; `data` depends on the event. */
abstract class WebhookEnvelope {
  @ApiProperty({ example: 1042, description: 'The delivery id, also in X-Wiredesk-Delivery; the same on retries' }) id: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the change was made' }) occurredAt: string;
}

export class ArticlePublishedWebhook extends WebhookEnvelope {
  @ApiProperty({ enum: ['article.published'] }) event: 'article.published';
  @ApiProperty({ type: ArticleStatusWebhookData }) data: ArticleStatusWebhookData;
}

export class ArticleUnpublishedWebhook extends WebhookEnvelope {
  @ApiProperty({ enum: ['article.unpublished'] }) event: 'article.unpublished';
  @ApiProperty({ type: ArticleStatusWebhookData }) data: ArticleStatusWebhookData;
}

export class ArticleUpdatedWebhook extends WebhookEnvelope {
  @ApiProperty({ enum: ['article.updated'] }) event: 'article.updated';
  @ApiProperty({ type: ArticleUpdatedWebhookData }) data: ArticleUpdatedWebhookData;
}

export class ImportCompletedWebhook extends WebhookEnvelope {
  @ApiProperty({ enum: ['import.completed'] }) event: 'import.completed';
  @ApiProperty({ type: ImportCompletedWebhookData }) data: ImportCompletedWebhookData;
}

/** Each event's payload schema, by name (components/schemas). */
export const WEBHOOK_PAYLOADS = {
  'article.published': ArticlePublishedWebhook,
  'article.unpublished': ArticleUnpublishedWebhook,
  'article.updated': ArticleUpdatedWebhook,
  'import.completed': ImportCompletedWebhook,
} as const;

const DELIVERY_HEADERS: Array<{ name: string; description: string; example: string }> = [
  { name: 'X-Wiredesk-Event', description: 'The event, as in the body', example: 'article.published' },
  { name: 'X-Wiredesk-Delivery', description: 'The delivery id, as in the body; a receiver should ignore one it already has (a crash mid-send can repeat it)', example: '1042' },
  { name: 'X-Wiredesk-Timestamp', description: 'Unix seconds when this attempt was signed; refuse ones more than a few minutes old', example: '1795687200' },
  {
    name: 'X-Wiredesk-Signature',
    description: '"sha256=" and the hex HMAC-SHA256 of "<timestamp>.<raw body>" with the subscription\'s secret; compare in constant time',
    example: 'sha256=5d1c0c6f2b…',
  },
];

/**
 * The deliveries as OpenAPI describes webhooks: one POST per event, with its headers and payload schema.
 * Served as `x-webhooks` (the OpenAPI 3.0 extension Redoc and Redocly read; 3.1 calls it `webhooks`).
 */
export function webhookPathItems(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(WEBHOOK_PAYLOADS).map(([event, payload]) => [
      event,
      {
        post: {
          operationId: `webhook_${event.replace('.', '_')}`,
          summary: `${event}, POSTed to each subscriber of it`,
          description: 'Any 2xx answer counts as delivered; anything else, or no answer within WEBHOOK_TIMEOUT_SECONDS, is retried with back-off (up to 8 attempts), with the same body freshly signed.',
          tags: ['Webhooks'],
          security: [],
          parameters: DELIVERY_HEADERS.map(({ name, description, example }) => ({ name, in: 'header', required: true, description, schema: { type: 'string', example } })),
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${payload.name}` } } } },
          responses: {
            '2XX': { description: 'Delivered' },
            default: { description: 'Not delivered: retried later' },
          },
        },
      },
    ]),
  );
}
