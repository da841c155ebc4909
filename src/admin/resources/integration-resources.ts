import type { ActionContext, ActionRequest, ActionResponse, ListActionResponse, RecordActionResponse, RecordJSON, ResourceWithOptions } from 'adminjs';
import { Actor, assertCan, Permission, TokenScope } from '../../auth/actor';
import { ApiToken } from '../../auth/api-token.entity';
import { AuthError, AuthErrorCode } from '../../auth/auth-error';
import { CreateApiTokenDto } from '../../auth/dto/create-api-token.dto';
import type { DomainError } from '../../common/domain-error';
import { CreateWebhookDto, UpdateWebhookDto } from '../../webhooks/dto/webhook.dto';
import { WebhookDelivery, WebhookDeliveryStatus } from '../../webhooks/webhook-delivery.entity';
import { WebhookError, WebhookErrorCode } from '../../webhooks/webhook-error';
import { WEBHOOK_EVENTS } from '../../webhooks/webhook-event';
import { WebhookSubscription } from '../../webhooks/webhook-subscription.entity';
import { actorOf, boundToRepository, jsonPayload, PanelHandler, requiring, sessionCan, withNotices } from '../admin-actor';
import { validInput } from '../panel-input';
import type { PanelContext } from '../panel-services';
import type { AdminJsActions } from './library-resources';

const integrations = { name: 'Integrations', icon: 'Share2' };
const adminOnly = ({ currentAdmin }: ActionContext) => sessionCan(currentAdmin, Permission.ManageIntegrations);
const readOnly = { new: { isAccessible: false }, edit: { isAccessible: false }, delete: { isAccessible: false }, bulkDelete: { isAccessible: false } };

/** Stock list/show/search, refused with 403 to anyone who may not manage integrations. */
function adminReads(panel: PanelContext, ACTIONS: AdminJsActions) {
  const { users } = panel.services;
  return {
    list: { isVisible: adminOnly, handler: requiring(users, Permission.ManageIntegrations, ACTIONS.list.handler as PanelHandler) },
    show: { isVisible: adminOnly, handler: requiring(users, Permission.ManageIntegrations, ACTIONS.show.handler as PanelHandler) },
    search: { isVisible: adminOnly, handler: requiring(users, Permission.ManageIntegrations, ACTIONS.search.handler as PanelHandler) },
  };
}

/** A record action that shows a confirmation form on GET (admins only) and does `run` on POST. */
function recordAction(panel: PanelContext, run: (request: ActionRequest, context: ActionContext) => Promise<ActionResponse>): PanelHandler {
  return withNotices(async (request, _response, context) => {
    const actor = await actorOf(panel.services.users, context.currentAdmin);
    assertCan(actor, Permission.ManageIntegrations);
    if (request.method !== 'post') return { record: context.record!.toJSON(context.currentAdmin) };
    return run(request, context);
  });
}

/**
 * A "new" action whose service creates a record with a secret shown only this once: validated with the
 * API's DTO on POST, answered with the record, the secret and where to go next.
 */
function createWithSecret<T extends object>(
  panel: PanelContext,
  dto: new () => T,
  invalid: (message: string) => DomainError,
  create: (input: T, actor: Actor) => Promise<{ id: number; secret: string; notice: string }>,
): PanelHandler {
  return withNotices(async (request, _response, context): Promise<ActionResponse> => {
    const actor = await actorOf(panel.services.users, context.currentAdmin);
    assertCan(actor, Permission.ManageIntegrations);
    if (request.method !== 'post') return {};
    const created = await create(await validInput(dto, jsonPayload<T>(request), invalid), actor);
    return {
      record: await recordJson(context, created.id),
      secret: created.secret,
      showUrl: showUrl(context, created.id),
      notice: { message: created.notice, type: 'success' },
    };
  });
}

function showUrl(context: ActionContext, id: number | string): string {
  return context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: String(id), actionName: 'show' });
}

async function recordJson(context: ActionContext, id: number): Promise<RecordJSON> {
  const record = await context.resource.findOne(String(id));
  return record!.toJSON(context.currentAdmin);
}

/** API tokens: listed with their scopes and use; created (secret shown once) and revoked through ApiTokensService. */
export function apiTokenResource(panel: PanelContext, ACTIONS: AdminJsActions): ResourceWithOptions {
  const { services, components } = panel;
  const invalid = (message: string) => new AuthError(AuthErrorCode.InvalidTokenRequest, message);
  return {
    resource: boundToRepository(ApiToken, services.records.apiTokens, { title: 'name' }),
    options: {
      navigation: integrations,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['id', 'name', 'prefix', 'scopes', 'createdAt', 'lastUsedAt', 'revokedAt'],
      showProperties: ['id', 'name', 'prefix', 'scopes', 'createdById', 'createdAt', 'lastUsedAt', 'revokedAt'],
      filterProperties: ['name', 'createdAt', 'revokedAt'],
      properties: {
        name: { isTitle: true },
        prefix: { description: 'The first characters of the secret, to tell tokens apart' },
        tokenHash: { isVisible: false },
        createdById: { reference: 'User' },
        lastUsedAt: { description: 'Updated at most once a minute' },
      },
      actions: {
        ...adminReads(panel, ACTIONS),
        ...readOnly,
        new: {
          isVisible: adminOnly,
          component: components.IntegrationForm,
          custom: {
            title: 'New API token',
            explain: 'The token is shown once, right after it is created; only its hash is stored.',
            submitLabel: 'Create token',
            secretLabel: 'Your new API token',
            fields: [
              { name: 'name', label: 'Name (who uses it, e.g. "website")', type: 'text' },
              { name: 'scopes', label: 'Scopes', type: 'choices', options: Object.values(TokenScope) },
            ],
          },
          handler: createWithSecret(panel, CreateApiTokenDto, invalid, async (input, actor) => {
            const { token, secret } = await services.apiTokens.create(input, actor);
            return { id: token.id, secret, notice: `Token "${token.name}" created: copy it now, it is not shown again` };
          }),
        },
        revoke: {
          actionType: 'record',
          icon: 'Slash',
          isVisible: (context: ActionContext) => adminOnly(context) && !context.record?.params.revokedAt,
          component: components.IntegrationForm,
          custom: {
            title: 'Revoke this token',
            explain: 'Every request with it is refused from now on (401). This cannot be undone.',
            submitLabel: 'Revoke token',
            fields: [],
          },
          handler: recordAction(panel, async (_request, context) => {
            const actor = await actorOf(services.users, context.currentAdmin);
            const token = await services.apiTokens.revoke(Number(context.record!.id()), actor);
            return {
              record: await recordJson(context, token.id),
              redirectUrl: showUrl(context, token.id),
              notice: { message: `Token "${token.name}" revoked`, type: 'success' },
            };
          }),
        },
      },
    },
  };
}

const subscriptionFields = (secretHelp: string) => [
  { name: 'url', label: 'URL (http or https)', type: 'text' },
  { name: 'events', label: 'Events', type: 'choices', options: [...WEBHOOK_EVENTS] },
  { name: 'secret', label: 'Signing secret (16–200 characters)', type: 'password', optional: true, writeOnly: true, help: secretHelp },
  { name: 'active', label: 'Active', type: 'checkbox' },
];

/** Webhook subscriptions, through WebhooksService; the signing secret can be set or replaced but never read back. */
export function webhookSubscriptionResource(panel: PanelContext, ACTIONS: AdminJsActions): ResourceWithOptions {
  const { services, components } = panel;
  const invalid = (message: string) => new WebhookError(WebhookErrorCode.InvalidSubscription, message);
  return {
    resource: boundToRepository(WebhookSubscription, services.records.webhookSubscriptions, { title: 'url' }),
    options: {
      navigation: integrations,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['id', 'url', 'events', 'active', 'createdAt', 'updatedAt'],
      showProperties: ['id', 'url', 'events', 'active', 'createdAt', 'updatedAt'],
      filterProperties: ['url', 'active'],
      properties: {
        url: { isTitle: true },
        secret: { isVisible: false },
      },
      actions: {
        ...adminReads(panel, ACTIONS),
        bulkDelete: { isAccessible: false },
        new: {
          isVisible: adminOnly,
          component: components.IntegrationForm,
          custom: {
            title: 'New webhook subscription',
            explain: 'Wiredesk POSTs each chosen event to the URL, signed with HMAC-SHA256 of the secret.',
            submitLabel: 'Subscribe',
            secretLabel: 'The subscription’s signing secret',
            fields: subscriptionFields('Leave empty to have one generated.'),
          },
          handler: createWithSecret(panel, CreateWebhookDto, invalid, async (input, actor) => {
            const { subscription, secret } = await services.webhooks.subscribe(input, actor);
            return { id: subscription.id, secret, notice: `Subscribed ${subscription.url}: copy the signing secret now, it is not shown again` };
          }),
        },
        edit: {
          isVisible: adminOnly,
          component: components.IntegrationForm,
          custom: { title: 'Edit webhook subscription', submitLabel: 'Save', fields: subscriptionFields('Leave empty to keep the current secret.') },
          handler: recordAction(panel, async (request, context) => {
            const actor = await actorOf(services.users, context.currentAdmin);
            const changes = await validInput(UpdateWebhookDto, jsonPayload<UpdateWebhookDto>(request), invalid);
            const subscription = await services.webhooks.update(Number(context.record!.id()), changes, actor);
            return { record: await recordJson(context, subscription.id), redirectUrl: showUrl(context, subscription.id), notice: { message: 'Saved', type: 'success' } };
          }),
        },
        delete: {
          isVisible: adminOnly,
          component: components.IntegrationForm,
          // The form is the confirmation; the stock "are you sure?" guard would ask twice.
          guard: undefined,
          custom: {
            title: 'Delete this subscription',
            explain: 'Its delivery log is deleted with it. To pause deliveries instead, edit it and untick Active.',
            submitLabel: 'Delete subscription',
            fields: [],
          },
          handler: recordAction(panel, async (_request, context) => {
            const actor = await actorOf(services.users, context.currentAdmin);
            await services.webhooks.remove(Number(context.record!.id()), actor);
            return {
              record: context.record!.toJSON(context.currentAdmin),
              redirectUrl: context.h.resourceActionUrl({ resourceId: context.resource.id(), actionName: 'list' }),
              notice: { message: 'Subscription deleted', type: 'success' },
            };
          }),
        },
      },
    },
  };
}

/** The delivery log: read-only, newest first, with when a pending delivery is tried next. */
export function webhookDeliveryResource(panel: PanelContext, ACTIONS: AdminJsActions): ResourceWithOptions {
  const { services } = panel;
  const reads = adminReads(panel, ACTIONS);
  const withNextAttempts = async (records: RecordJSON[]) => {
    const pending = records.filter((record) => record.params.status === WebhookDeliveryStatus.Pending).map((record) => Number(record.id));
    const next = await services.webhooks.nextAttemptTimes(pending);
    for (const record of records) record.params.nextAttemptAt = next.get(Number(record.id))?.toISOString() ?? null;
  };
  return {
    resource: boundToRepository(WebhookDelivery, services.records.webhookDeliveries, { title: 'event' }),
    options: {
      navigation: integrations,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['id', 'event', 'subscriptionId', 'status', 'attempts', 'lastResponseStatus', 'lastError', 'nextAttemptAt', 'deliveredAt', 'createdAt'],
      showProperties: ['id', 'event', 'subscriptionId', 'status', 'attempts', 'lastResponseStatus', 'lastError', 'nextAttemptAt', 'deliveredAt', 'createdAt', 'payload'],
      filterProperties: ['status', 'subscriptionId', 'event', 'createdAt'],
      properties: {
        subscriptionId: { reference: 'WebhookSubscription' },
        event: { isTitle: true, availableValues: WEBHOOK_EVENTS.map((event) => ({ value: event, label: event })) },
        status: { availableValues: Object.values(WebhookDeliveryStatus).map((status) => ({ value: status, label: status })) },
        lastResponseStatus: { description: 'HTTP status of the latest attempt' },
        nextAttemptAt: { type: 'datetime', isVisible: { list: true, show: true, edit: false, filter: false }, isSortable: false },
        payload: { type: 'textarea' },
      },
      actions: {
        ...reads,
        ...readOnly,
        list: {
          ...reads.list,
          after: async (response: ActionResponse) => {
            await withNextAttempts((response as ListActionResponse).records);
            return response;
          },
        },
        show: {
          ...reads.show,
          after: async (response: ActionResponse) => {
            await withNextAttempts([(response as RecordActionResponse).record]);
            return response;
          },
        },
      },
    },
  };
}
