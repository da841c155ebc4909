import { AuthError, AuthErrorCode } from './auth-error';
import { UserRole } from './user.entity';

/** What someone may do. Services check these; UI and routes only decide what to show. */
export enum Permission {
  ReadDrafts = 'read-drafts',
  EditDraft = 'edit-draft',
  EditPublished = 'edit-published',
  Publish = 'publish',
  Delete = 'delete',
  MergeDuplicates = 'merge-duplicates',
  Import = 'import',
  ManageUsers = 'manage-users',
  /** API tokens and webhook subscriptions: what outside systems may do and hear. */
  ManageIntegrations = 'manage-integrations',
  /** Sections and tags: the website's structure. */
  ManageSections = 'manage-sections',
}

export enum TokenScope {
  ContentRead = 'content:read',
  ContentWrite = 'content:write',
  ContentPublish = 'content:publish',
  ImportsWrite = 'imports:write',
  /** Webhook subscriptions and API tokens: what outside systems may do and hear. */
  IntegrationsManage = 'integrations:manage',
}

/** Who is acting: an editor in the panel, an automation token, or Wiredesk itself (scheduler, importer CLI). */
export type Actor =
  | { kind: 'user'; id: number; email: string; role: UserRole }
  | { kind: 'token'; id: number; name: string; scopes: TokenScope[] }
  | { kind: 'system'; name: string };

const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Permission>> = {
  [UserRole.Admin]: new Set(Object.values(Permission)),
  [UserRole.Editor]: new Set(
    Object.values(Permission).filter((permission) => ![Permission.ManageUsers, Permission.ManageIntegrations, Permission.ManageSections].includes(permission)),
  ),
  [UserRole.Contributor]: new Set([Permission.ReadDrafts, Permission.EditDraft]),
};

const SCOPE_PERMISSIONS: Record<TokenScope, readonly Permission[]> = {
  [TokenScope.ContentRead]: [Permission.ReadDrafts],
  // Writing copy includes resolving flagged duplicates, which only merges or clears flags on copy.
  [TokenScope.ContentWrite]: [Permission.ReadDrafts, Permission.EditDraft, Permission.EditPublished, Permission.MergeDuplicates],
  [TokenScope.ContentPublish]: [Permission.Publish],
  [TokenScope.ImportsWrite]: [Permission.Import],
  [TokenScope.IntegrationsManage]: [Permission.ManageIntegrations],
};

export function can(actor: Actor, permission: Permission): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'user':
      return ROLE_PERMISSIONS[actor.role].has(permission);
    case 'token':
      return actor.scopes.some((scope) => SCOPE_PERMISSIONS[scope].includes(permission));
  }
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AuthError(AuthErrorCode.Forbidden, `${describeActor(actor)} may not ${permission.replace(/-/g, ' ')}`);
  }
}

export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `${actor.email} (${actor.role})`;
    case 'token':
      return `token "${actor.name}"`;
    case 'system':
      return actor.name;
  }
}
