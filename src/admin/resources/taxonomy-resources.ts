import type { ActionContext, ResourceWithOptions } from 'adminjs';
import { Permission } from '../../auth/actor';
import { Section } from '../../sections/section.entity';
import { Tag } from '../../sections/tag.entity';
import type { TaxonomyKind } from '../../sections/taxonomy.service';
import { actorOf, boundToRepository, PanelHandler, sessionCan, withNotices } from '../admin-actor';
import type { PanelContext } from '../panel-services';
import { formFields } from '../panel-input';
import { serviceCreate, serviceEdit } from './service-backed';

const adminOnly = ({ currentAdmin }: ActionContext) => sessionCan(currentAdmin, Permission.ManageSections);

/** Sections and tags: everyone sees them; admins add, rename and delete them through TaxonomyService. */
export function taxonomyResources({ services }: PanelContext): ResourceWithOptions[] {
  const resource = (entity: typeof Section | typeof Tag, kind: TaxonomyKind): ResourceWithOptions => ({
    resource: boundToRepository(entity, kind === 'section' ? services.records.sections : services.records.tags, { title: 'name' }),
    options: {
      navigation: { name: 'Newsroom', icon: 'FileText' },
      sort: { sortBy: 'name', direction: 'asc' },
      listProperties: ['id', 'name', 'slug', 'updatedAt'],
      filterProperties: ['name', 'slug'],
      editProperties: ['name', 'slug'],
      properties: { name: { isTitle: true }, slug: { description: 'Lower-case words joined by hyphens; derived from the name when left empty' } },
      actions: {
        new: { isVisible: adminOnly, handler: serviceCreate(services, (payload, actor) => services.taxonomy.create(kind, formFields(payload, { text: ['name', 'slug'] }), actor)) },
        edit: {
          isVisible: adminOnly,
          handler: serviceEdit(services, async (id, payload, actor) => ({ changed: (await services.taxonomy.update(kind, id, formFields(payload, { text: ['name', 'slug'] }), actor)).changed })),
        },
        delete: { isVisible: adminOnly, handler: removeTerm(services, kind) },
        bulkDelete: { isAccessible: false },
      },
    },
  });
  return [resource(Section, 'section'), resource(Tag, 'tag')];
}

function removeTerm(services: PanelContext['services'], kind: TaxonomyKind): PanelHandler {
  return withNotices(async (request, _response, context) => {
    const record = context.record!;
    if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) };
    await services.taxonomy.remove(kind, Number(record.id()), await actorOf(services.users, context.currentAdmin));
    return {
      record: record.toJSON(context.currentAdmin),
      redirectUrl: context.h.resourceActionUrl({ resourceId: context.resource.id(), actionName: 'list' }),
      notice: { message: `Deleted ${kind} “${String(record.params.name)}”`, type: 'success' },
    };
  });
}
