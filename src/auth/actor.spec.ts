import { Actor, can, Permission, TokenScope } from './actor';
import { UserRole } from './user.entity';

const user = (role: UserRole): Actor => ({ kind: 'user', id: 1, email: 'someone@example.com', role });
const token = (...scopes: TokenScope[]): Actor => ({ kind: 'token', id: 1, name: 'site', scopes });

describe('can', () => {
  it('lets a contributor edit drafts but not publish, delete, merge or manage users', () => {
    const contributor = user(UserRole.Contributor);
    expect(can(contributor, Permission.EditDraft)).toBe(true);
    for (const denied of [Permission.Publish, Permission.Delete, Permission.MergeDuplicates, Permission.ManageUsers, Permission.EditPublished]) {
      expect(can(contributor, denied)).toBe(false);
    }
  });

  it('lets an editor publish and merge but not manage users', () => {
    expect(can(user(UserRole.Editor), Permission.Publish)).toBe(true);
    expect(can(user(UserRole.Editor), Permission.MergeDuplicates)).toBe(true);
    expect(can(user(UserRole.Editor), Permission.ManageUsers)).toBe(false);
  });

  it('lets an admin do everything', () => {
    for (const permission of Object.values(Permission)) expect(can(user(UserRole.Admin), permission)).toBe(true);
  });

  it('grants tokens exactly what their scopes name', () => {
    expect(can(token(TokenScope.ContentRead), Permission.ReadDrafts)).toBe(true);
    expect(can(token(TokenScope.ContentRead), Permission.EditDraft)).toBe(false);
    expect(can(token(TokenScope.ContentWrite), Permission.Publish)).toBe(false);
    expect(can(token(TokenScope.ContentPublish), Permission.Publish)).toBe(true);
    expect(can(token(TokenScope.ImportsWrite), Permission.Import)).toBe(true);
    expect(can(token(), Permission.ReadDrafts)).toBe(false);
  });
});
