import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res, UseGuards } from '@nestjs/common';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Permission } from '../auth/actor';
import { ActorGuard } from '../auth/actor.guard';
import { CurrentActor, Needs } from '../auth/current-actor.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { ApiCreated } from '../common/api-responses.decorator';
import type { Response } from 'express';
import { CreatedWebhookView, CreateWebhookDto, UpdateWebhookDto, WebhookDeliveryView, WebhookView } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

const ADMINS_ONLY = 'Needs a token with integrations:manage, or a signed-in admin.';

@ApiTags('Webhooks')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/webhooks')
@UseGuards(ActorGuard)
@Needs(Permission.ManageIntegrations)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: 'List webhook subscriptions', description: ADMINS_ONLY })
  @ApiOkResponse({ type: WebhookView, isArray: true })
  @ApiProblems(401, 403)
  async list(@CurrentActor() actor: Actor): Promise<WebhookView[]> {
    return (await this.webhooks.list(actor)).map(WebhookView.of);
  }

  @Post()
  @ApiOperation({ summary: 'Subscribe a URL to events; the response carries the signing secret, once', description: `${ADMINS_ONLY} What each event POSTs, with its X-Wiredesk-* headers, is under x-webhooks (schemas ArticlePublishedWebhook, ArticleUnpublishedWebhook, ArticleUpdatedWebhook, ImportCompletedWebhook).` })
  @ApiCreated(CreatedWebhookView, '/api/webhooks/1')
  @ApiProblems(400, 401, 403)
  async create(@Body() body: CreateWebhookDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<CreatedWebhookView> {
    const { subscription, secret } = await this.webhooks.subscribe(body, actor);
    response.location(`/api/webhooks/${subscription.id}`);
    return { ...WebhookView.of(subscription), secret };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change URL, events, secret or pause a subscription', description: ADMINS_ONLY })
  @ApiOkResponse({ type: WebhookView })
  @ApiProblems(400, 401, 403, 404)
  async update(@Param('id', IdParamPipe) id: number, @Body() body: UpdateWebhookDto, @CurrentActor() actor: Actor): Promise<WebhookView> {
    return WebhookView.of(await this.webhooks.update(id, body, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription and its delivery log', description: ADMINS_ONLY })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(401, 403, 404)
  remove(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor): Promise<void> {
    return this.webhooks.remove(id, actor);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again, byte for byte (same id), with a fresh round of attempts', description: `${ADMINS_ONLY} 409 while it is still pending or the subscription is paused.` })
  @ApiResponse({ status: 202, type: WebhookDeliveryView, description: 'Queued again' })
  @ApiProblems(401, 403, 404, 409)
  async replay(@Param('id', IdParamPipe) id: number, @Param('deliveryId', IdParamPipe) deliveryId: number, @CurrentActor() actor: Actor): Promise<WebhookDeliveryView> {
    return WebhookDeliveryView.of(await this.webhooks.replay(id, deliveryId, actor));
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The latest 100 deliveries: status, attempts, last error', description: ADMINS_ONLY })
  @ApiOkResponse({ type: WebhookDeliveryView, isArray: true })
  @ApiProblems(401, 403, 404)
  async deliveries(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor): Promise<WebhookDeliveryView[]> {
    return (await this.webhooks.deliveriesOf(id, actor)).map(WebhookDeliveryView.of);
  }
}
