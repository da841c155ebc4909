import type { ActionContext, ResourceWithOptions } from 'adminjs';

/** AdminJS's stock action definitions (`ACTIONS` of the ESM-only package, passed in by the panel). */
export type AdminJsActions = typeof import('adminjs').ACTIONS;
import { Permission } from '../../auth/actor';
import { AuthError, AuthErrorCode } from '../../auth/auth-error';
import { User, UserRole } from '../../auth/user.entity';
import { AuthorErrorCode } from '../../authors/author-error';
import { AuthorMerge } from '../../authors/author-merge.entity';
import { Author } from '../../authors/author.entity';
import { Caption } from '../../captions/caption.entity';
import { CreateAuthorDto, UpdateAuthorDto } from '../../authors/dto/author.dto';
import { UpdateCaptionDto } from '../../captions/dto/caption.dto';
import { CreatePhotoDto, UpdatePhotoDto } from '../../photos/dto/photo.dto';
import { Photo } from '../../photos/photo.entity';
import { actorOf, boundToRepository, FieldErrorsOf, jsonPayload, PanelHandler, requiring, sessionCan, withNotices } from '../admin-actor';
import type { PanelContext } from '../panel-services';
import { formFields, validInput } from '../panel-input';
import { serviceCreate, serviceEdit } from './service-backed';

const canEdit = ({ currentAdmin }: ActionContext) => sessionCan(currentAdmin, Permission.EditDraft);
const adminOnly = ({ currentAdmin }: ActionContext) => sessionCan(currentAdmin, Permission.ManageUsers);
const noDelete = { delete: { isAccessible: false }, bulkDelete: { isAccessible: false } };
const library = { name: 'Library', icon: 'Image' };

/** Photos, captions and authors: edited through their services, never removed from the panel (copy refers to them). */
export function libraryResources({ services, components }: PanelContext): ResourceWithOptions[] {
  return [
    {
      resource: boundToRepository(Photo, services.records.photos, { title: 'credit' }),
      options: {
        navigation: library,
        listProperties: ['id', 'thumbnail', 'credit', 'agency', 'photographerId', 'url', 'updatedAt'],
        filterProperties: ['credit', 'agency', 'photographerId'],
        editProperties: ['url', 'credit', 'agency', 'photographerId'],
        properties: {
          credit: { isTitle: true },
          fingerprint: { isVisible: { list: false, edit: false, filter: false, show: true } },
          photographerId: { reference: 'Author' },
          thumbnail: { components: { list: components.PhotoThumbnail, show: components.PhotoThumbnail }, isVisible: { list: true, show: true, edit: false, filter: false }, position: 1 },
          printedIn: { components: { show: components.PhotoPrintedIn }, isVisible: { list: false, show: true, edit: false, filter: false } },
          creditHistory: { components: { show: components.PhotoCreditHistory }, isVisible: { list: false, show: true, edit: false, filter: false } },
        },
        actions: {
          ...noDelete,
          printedIn: {
            actionType: 'record',
            isVisible: false,
            handler: async (_request, _response, context) => ({
              record: context.record!.toJSON(context.currentAdmin),
              articles: await services.photos.printedIn(Number(context.record!.id()), await actorOf(services.users, context.currentAdmin)),
            }),
          },
          // The photo's credit changes (who, when, from what to what), for its page (PhotoCreditHistory).
          creditHistory: {
            actionType: 'record',
            isVisible: false,
            handler: async (_request, _response, context) => ({
              record: context.record!.toJSON(context.currentAdmin),
              changes: await services.photos.creditChanges(Number(context.record!.id()), await actorOf(services.users, context.currentAdmin)),
            }),
          },
          image: { actionType: 'record', icon: 'Image', isVisible: canEdit, component: components.PhotoImageUpload, handler: async (_request, _response, context) => ({ record: context.record!.toJSON(context.currentAdmin) }) },
          new: {
            isVisible: canEdit,
            handler: serviceCreate(services, async (payload, actor) => services.photos.create(await validInput(CreatePhotoDto, photoFields(payload)), actor)),
          },
          edit: {
            isVisible: canEdit,
            handler: serviceEdit(services, async (id, payload, actor) => services.photos.update(id, await validInput(UpdatePhotoDto, photoFields(payload)), actor)),
          },
        },
      },
    },
    {
      resource: boundToRepository(Caption, services.records.captions, { title: 'text' }),
      options: {
        navigation: library,
        listProperties: ['id', 'articleId', 'photoId', 'position', 'text'],
        filterProperties: ['articleId', 'photoId', 'text'],
        editProperties: ['text', 'position'],
        properties: { articleId: { reference: 'Article' }, photoId: { reference: 'Photo' }, text: { type: 'textarea', isTitle: true } },
        actions: {
          ...noDelete,
          new: { isAccessible: false },
          edit: {
            isVisible: canEdit,
            handler: serviceEdit(services, async (id, payload, actor) => {
              const { version, ...changes } = await validInput(UpdateCaptionDto, formFields(payload, { text: ['text'], numbers: ['position'] }));
              return services.captions.update(id, changes, actor, version);
            }),
          },
        },
      },
    },
    {
      resource: boundToRepository(Author, services.records.authors, { title: 'name' }),
      options: {
        navigation: library,
        listProperties: ['id', 'name', 'key', 'updatedAt'],
        filterProperties: ['name'],
        editProperties: ['name'],
        properties: { name: { isTitle: true, components: { edit: components.AuthorNameField } } },
        actions: {
          ...noDelete,
          new: {
            isVisible: canEdit,
            handler: serviceCreate(services, async (payload, actor) => services.authors.create(await validInput(CreateAuthorDto, formFields(payload, { text: ['name'] })), actor), existingAuthorLink),
          },
          edit: {
            isVisible: canEdit,
            handler: serviceEdit(services, async (id, payload, actor) => services.authors.update(id, await validInput(UpdateAuthorDto, formFields(payload, { text: ['name'] })), actor), existingAuthorLink),
          },
          merge: { actionType: 'record', icon: 'GitMerge', isVisible: canEdit, component: components.AuthorMergeForm, handler: mergeAuthor(services) },
        },
      },
    },
    {
      resource: boundToRepository(AuthorMerge, services.records.authorMerges, { title: 'actorName' }),
      options: {
        navigation: library,
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['id', 'mergedAuthor', 'keptAuthorId', 'actorName', 'createdAt', 'undoneAt'],
        showProperties: ['id', 'mergedAuthor', 'keptAuthorId', 'movedBylineIds', 'movedPhotoIds', 'actorName', 'createdAt', 'undoneAt'],
        properties: { keptAuthorId: { reference: 'Author' }, mergedAuthor: { type: 'mixed', components: { list: components.MergedAuthor, show: components.MergedAuthor } } },
        actions: {
          new: { isAccessible: false },
          edit: { isAccessible: false },
          ...noDelete,
          undo: {
            actionType: 'record',
            icon: 'RotateCcw',
            component: components.WorkflowAction,
            custom: { verb: 'Undo merge', explain: 'Bring the merged author back, with the bylines and photo credits that moved.' },
            isVisible: ({ currentAdmin, record }: ActionContext) => canEdit({ currentAdmin } as ActionContext) && !record?.params.undoneAt,
            handler: undoAuthorMerge(services),
          },
        },
      },
    },
  ];
}

/** The photo form's fields for the API's photo DTOs; an emptied credit, agency or photographer clears it. */
function photoFields(payload: Record<string, unknown>) {
  return formFields(payload, { text: ['url', 'credit', 'agency'], numbers: ['photographerId'], clearable: ['credit', 'agency', 'photographerId'] });
}

/** Accounts: admins only. The password is a virtual field, hashed by UsersService; the hash is never shown. */
export function userResource({ services }: PanelContext, ACTIONS: AdminJsActions): ResourceWithOptions {
  // Every action, its GET included (the edit form holds the whole record), answers 403 to anyone else.
  const adminsOnly = (handler: PanelHandler) => requiring(services.users, Permission.ManageUsers, handler);
  return {
    resource: boundToRepository(User, services.records.users, { title: 'email' }),
    options: {
      navigation: { name: 'Administration', icon: 'Users' },
      listProperties: ['id', 'email', 'role', 'disabled', 'createdAt'],
      filterProperties: ['email', 'role', 'disabled'],
      showProperties: ['id', 'email', 'role', 'disabled', 'createdAt', 'updatedAt'],
      editProperties: ['email', 'role', 'disabled', 'password'],
      properties: {
        email: { isTitle: true },
        role: { availableValues: Object.values(UserRole).map((role) => ({ value: role, label: role })) },
        passwordHash: { isVisible: false },
        password: { type: 'password', isVisible: { list: false, filter: false, show: false, edit: true } },
      },
      actions: {
        list: { isVisible: adminOnly, handler: adminsOnly(ACTIONS.list.handler as PanelHandler) },
        show: { isVisible: adminOnly, handler: adminsOnly(ACTIONS.show.handler as PanelHandler) },
        search: { isVisible: adminOnly, handler: adminsOnly(ACTIONS.search.handler as PanelHandler) },
        ...noDelete,
        new: {
          isVisible: adminOnly,
          handler: adminsOnly(
            serviceCreate(services, (payload, actor) =>
              services.users.createAccount({ email: String(payload.email ?? ''), password: String(payload.password ?? ''), role: parseRole(payload.role)! }, actor),
            ),
          ),
        },
        edit: {
          isVisible: adminOnly,
          handler: adminsOnly(
            serviceEdit(services, (id, payload, actor) =>
              services.users.updateAccount(
                id,
                {
                  // A blank email field leaves the address as it is; an account cannot be left without one.
                  email: typeof payload.email === 'string' && payload.email.trim() !== '' ? payload.email : undefined,
                  role: parseRole(payload.role),
                  disabled: payload.disabled === undefined ? undefined : payload.disabled === true || payload.disabled === 'true',
                  password: typeof payload.password === 'string' && payload.password !== '' ? payload.password : undefined,
                },
                actor,
              ),
            ),
          ),
        },
      },
    },
  };
}

function parseRole(value: unknown): UserRole | undefined {
  if (value === undefined || value === '') return undefined;
  if (!Object.values(UserRole).includes(value as UserRole)) {
    throw new AuthError(AuthErrorCode.InvalidRole, `role must be one of ${Object.values(UserRole).join(', ')}`);
  }
  return value as UserRole;
}

/**
 * A name that is a spelling variant of an existing author's is refused beside the name field, with a link to
 * that author's page: the editor most likely wants that author (or to merge into it), not a second row.
 */
const existingAuthorLink: FieldErrorsOf = (error, context) => {
  const existingId = error.extensions.existingAuthorId;
  if (error.code !== AuthorErrorCode.AlreadyExists || typeof existingId !== 'number') return undefined;
  const href = context.h.recordActionUrl({ resourceId: 'Author', recordId: String(existingId), actionName: 'show' });
  return { name: { message: error.message, type: error.code, link: { href, label: `Open author ${existingId}` } } };
};

function mergeAuthor(services: PanelContext['services']): PanelHandler {
  return withNotices(async (request, _response, context) => {
    const record = context.record!;
    if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) };
    const { keptId } = jsonPayload<{ keptId: number }>(request);
    const merge = await services.authors.merge(Number(keptId), Number(record.id()), await actorOf(services.users, context.currentAdmin));
    return {
      record: record.toJSON(context.currentAdmin),
      redirectUrl: context.h.recordActionUrl({ resourceId: 'Author', recordId: String(merge.keptAuthorId), actionName: 'show' }),
      notice: { message: `Merged “${merge.mergedAuthor.name}” into author ${merge.keptAuthorId}: ${merge.movedBylineIds.length + merge.droppedBylines.length} byline(s) and ${merge.movedPhotoIds.length} photo credit(s) moved. Author merges can undo it.`, type: 'success' },
    };
  });
}

function undoAuthorMerge(services: PanelContext['services']): PanelHandler {
  return withNotices(async (request, _response, context) => {
    const record = context.record!;
    if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) };
    const restored = await services.authors.undoMerge(Number(record.id()), await actorOf(services.users, context.currentAdmin));
    return {
      record: record.toJSON(context.currentAdmin),
      redirectUrl: context.h.recordActionUrl({ resourceId: 'Author', recordId: String(restored.id), actionName: 'show' }),
      notice: { message: `Undone: “${restored.name}” is back, with their bylines and photo credits`, type: 'success' },
    };
  });
}
