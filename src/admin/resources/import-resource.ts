import type { ActionContext, ActionRequest, ActionResponse, ResourceWithOptions } from 'adminjs';
import { Permission } from '../../auth/actor';
import { StagedDump } from '../../imports/dump-upload';
import { Import, ImportStatus } from '../../imports/import.entity';
import { ImportError, ImportErrorCode } from '../../imports/import-error';
import type { ImportReportSection } from '../../imports/imports.service';
import { actorOf, boundToRepository, sessionCan, withNotices } from '../admin-actor';
import type { PanelContext } from '../panel-services';

/** Report entries the import's page shows at once. */
const REPORT_PAGE_SIZE = 50;

/**
 * Imports: read-only, with the report shown readably; "New" uploads a dump and queues it like the API does;
 * "Retry" runs a failed or stalled import again.
 */
export function importResource(panel: PanelContext): ResourceWithOptions {
  const { services, components } = panel;
  return {
    resource: boundToRepository(Import, services.records.imports, { title: 'fileName', omit: ['report'] }),
    options: {
      navigation: { name: 'Newsroom', icon: 'FileText' },
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['id', 'fileName', 'status', 'counts', 'attempts', 'createdAt', 'finishedAt'],
      filterProperties: ['fileName', 'status', 'createdAt'],
      showProperties: ['id', 'fileName', 'status', 'attempts', 'byteSize', 'sha256', 'createdById', 'createdAt', 'startedAt', 'finishedAt', 'error', 'counts', 'report'],
      properties: {
        fileName: { isTitle: true },
        counts: { components: { list: components.ImportReport } },
        report: { components: { show: components.ImportReport } },
        createdById: { reference: 'User' },
      },
      actions: {
        // The report's lists, a page at a time, for the import's own page (ImportReport): never in a list or a show payload.
        report: {
          actionType: 'record',
          isVisible: false,
          handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
            const query = request.query ?? {};
            const page = await services.imports.reportPage(
              Number(context.record!.id()),
              String(query.section ?? 'articles') as ImportReportSection,
              query.page === undefined ? 1 : Number(query.page),
              query.perPage === undefined ? REPORT_PAGE_SIZE : Number(query.perPage),
              await actorOf(services.users, context.currentAdmin),
            );
            return { record: context.record!.toJSON(context.currentAdmin), report: page };
          },
        },
        retry: {
          actionType: 'record',
          icon: 'RefreshCw',
          // Failed, or running: the service refuses (409, shown as a notice) when its worker is still alive.
          isVisible: ({ currentAdmin, record }: ActionContext) =>
            sessionCan(currentAdmin, Permission.Import) && [ImportStatus.Failed, ImportStatus.Running].includes(record?.params.status),
          component: components.IntegrationForm,
          custom: {
            title: 'Run this import again',
            explain:
              'For an import that failed, or that stays running because the instance importing it stopped: it runs again from its stored file, once. Nothing it left is written twice: an attempt that did not finish wrote nothing.',
            submitLabel: 'Retry import',
            fields: [],
          },
          handler: withNotices(async (request: ActionRequest, _response, context: ActionContext): Promise<ActionResponse> => {
            if (request.method !== 'post') return { record: context.record!.toJSON(context.currentAdmin) };
            const queued = await services.imports.retry(Number(context.record!.id()), await actorOf(services.users, context.currentAdmin));
            const record = await context.resource.findOne(String(queued.id));
            return {
              record: record!.toJSON(context.currentAdmin),
              redirectUrl: context.h.recordActionUrl({ resourceId: 'Import', recordId: String(queued.id), actionName: 'show' }),
              notice: { message: `Import ${queued.id} queued again (attempt ${queued.attempts + 1}); its report appears here when it finishes`, type: 'success' },
            };
          }),
        },
        edit: { isAccessible: false },
        delete: { isAccessible: false },
        bulkDelete: { isAccessible: false },
        new: {
          component: components.ImportUpload,
          isVisible: ({ currentAdmin }: ActionContext) => sessionCan(currentAdmin, Permission.Import),
          handler: withNotices(async (request: ActionRequest, _response, context: ActionContext): Promise<ActionResponse> => {
            if (request.method !== 'post') return {};
            // Only panelBodyGate puts a StagedDump here (after streaming and checking the upload): form fields cannot forge one.
            const staged: unknown = request.payload?.file;
            if (!(staged instanceof StagedDump)) throw new ImportError(ImportErrorCode.FileMissing, 'choose a wire dump (.txt) to upload');
            const outcome = await services.imports.submitStaged(staged, await actorOf(services.users, context.currentAdmin)).finally(() => staged.discard());
            const record = await context.resource.findOne(String(outcome.import.id));
            return {
              record: record!.toJSON(context.currentAdmin),
              redirectUrl: context.h.recordActionUrl({ resourceId: 'Import', recordId: String(outcome.import.id), actionName: 'show' }),
              notice: {
                message: outcome.alreadyImported
                  ? `This file was imported before (import ${outcome.import.id}); nothing new was written`
                  : `Import ${outcome.import.id} queued; its report appears here when it finishes`,
                type: 'success',
              },
            };
          }),
        },
      },
    },
  };
}
