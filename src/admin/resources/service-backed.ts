import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import type { Actor } from '../../auth/actor';
import { actorOf, FieldErrorsOf, NO_CHANGES_NOTICE, PanelHandler, withNotices } from '../admin-actor';
import type { PanelServices } from '../panel-services';

/**
 * AdminJS's new/edit actions write through the resource adapter, which would skip the services' rules.
 * These handlers call a service instead, then show the saved record. The service says whether the edit
 * changed anything; one that asked for what the record already says wrote nothing: the form stays, with a
 * neutral notice instead of "Saved".
 */
export function serviceEdit(
  services: PanelServices,
  save: (id: number, payload: Record<string, unknown>, actor: Actor) => Promise<{ changed: boolean }>,
  fieldErrors?: FieldErrorsOf,
): PanelHandler {
  return withNotices(async (request: ActionRequest, _response, context: ActionContext): Promise<ActionResponse> => {
    const record = context.record!;
    if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) };
    const actor = await actorOf(services.users, context.currentAdmin);
    const { changed } = await save(Number(record.id()), request.payload ?? {}, actor);
    const saved = await context.resource.findOne(record.id());
    if (!changed) return { record: saved!.toJSON(context.currentAdmin), notice: NO_CHANGES_NOTICE };
    return {
      record: saved!.toJSON(context.currentAdmin),
      redirectUrl: context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: record.id(), actionName: 'show' }),
      notice: { message: 'Saved', type: 'success' },
    };
  }, fieldErrors);
}

export function serviceCreate(
  services: PanelServices,
  create: (payload: Record<string, unknown>, actor: Actor) => Promise<{ id: number }>,
  fieldErrors?: FieldErrorsOf,
): PanelHandler {
  return withNotices(async (request: ActionRequest, _response, context: ActionContext): Promise<ActionResponse> => {
    if (request.method !== 'post') return {};
    const actor = await actorOf(services.users, context.currentAdmin);
    const created = await create(request.payload ?? {}, actor);
    const record = await context.resource.findOne(String(created.id));
    return {
      record: record!.toJSON(context.currentAdmin),
      redirectUrl: context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: String(created.id), actionName: 'show' }),
      notice: { message: 'Created', type: 'success' },
    };
  }, fieldErrors);
}
