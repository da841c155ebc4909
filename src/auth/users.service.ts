import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { compare, hash } from 'bcryptjs';
import { Repository } from 'typeorm';
import { isUniqueViolation } from '../database/postgres-errors';
import { Actor, assertCan, Permission } from './actor';
import { AuthError, AuthErrorCode } from './auth-error';
import { User, UserRole } from './user.entity';

const BCRYPT_ROUNDS = 12;
export const MIN_PASSWORD_LENGTH = 12;

/** An account edit: the account as it now stands, and whether anything was written. */
export interface AccountEdit {
  user: User;
  changed: boolean;
}

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(input: { email: string; password: string; role: UserRole }): Promise<User> {
    assertStrongEnough(input.password);
    const email = normaliseEmail(input.email);
    const saved = await this.saveEmailOnce(this.users.create({ email, role: input.role, passwordHash: await hash(input.password, BCRYPT_ROUNDS) }));
    return this.users.findOneByOrFail({ id: saved.id });
  }

  /** Saves the account; an email another account already has is refused, as emails are how people sign in. */
  private async saveEmailOnce(user: User, users: Repository<User> = this.users): Promise<User> {
    try {
      return await users.save(user);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_users_email')) {
        throw new AuthError(AuthErrorCode.EmailTaken, `a user with email ${user.email} already exists`);
      }
      throw error;
    }
  }

  /** The operator (CLI) disabling or enabling an account; the last enabled admin stays enabled. */
  async setDisabled(email: string, disabled: boolean): Promise<User> {
    return this.keepingAnAdmin(async (users) => {
      const user = await this.byEmail(users, email);
      user.disabled = disabled;
      assertAdminLeft(await users.find({ where: { role: UserRole.Admin, disabled: false } }), user);
      return users.save(user);
    });
  }

  /** The operator (CLI) giving an account a role: how a locked-out newsroom gets an admin back. */
  async setRole(email: string, role: UserRole): Promise<AccountEdit> {
    return this.keepingAnAdmin(async (users) => {
      const user = await this.byEmail(users, email);
      if (user.role === role) return { user, changed: false };
      user.role = role;
      assertAdminLeft(await users.find({ where: { role: UserRole.Admin, disabled: false } }), user);
      return { user: await users.save(user), changed: true };
    });
  }

  /** The operator (CLI) setting a new password for an account, e.g. one whose owner forgot it. */
  async setPassword(email: string, password: string): Promise<User> {
    assertStrongEnough(password);
    const user = await this.byEmail(this.users, email);
    await this.users.update({ id: user.id }, { passwordHash: await hash(password, BCRYPT_ROUNDS) });
    return this.users.findOneByOrFail({ id: user.id });
  }

  private async byEmail(users: Repository<User>, email: string): Promise<User> {
    const user = await users.findOneBy({ email: normaliseEmail(email) });
    if (!user) throw new AuthError(AuthErrorCode.UserNotFound, `no user with email ${normaliseEmail(email)}`);
    return user;
  }

  /**
   * Runs a change to accounts in one transaction that first locks every enabled admin's row, so two changes
   * at once (two admins demoting each other) cannot both see "another admin is left".
   */
  private keepingAnAdmin<T>(change: (users: Repository<User>) => Promise<T>): Promise<T> {
    return this.users.manager.transaction(async (manager) => {
      await manager.getRepository(User).find({ select: { id: true }, where: { role: UserRole.Admin, disabled: false }, lock: { mode: 'pessimistic_write' } });
      return change(manager.getRepository(User));
    });
  }

  /** The user when the credentials match an enabled account; `null` otherwise, without saying which part was wrong. */
  async verifyCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email: normaliseEmail(email) })
      .getOne();
    if (!user || user.disabled || !(await compare(password, user.passwordHash))) return null;
    return this.users.findOneBy({ id: user.id });
  }

  /** An admin creating an account from the panel; the CLI (run by the operator) calls `create` directly. */
  async createAccount(input: { email: string; password: string; role: UserRole }, actor: Actor): Promise<User> {
    assertCan(actor, Permission.ManageUsers);
    return this.create(input);
  }

  /**
   * An admin changing an account's email, role, disabled flag or password. `changed` is false when the
   * email, role and flag asked for are the account's already and no password was given: then nothing was written.
   */
  async updateAccount(id: number, changes: { email?: string; role?: UserRole; disabled?: boolean; password?: string }, actor: Actor): Promise<AccountEdit> {
    assertCan(actor, Permission.ManageUsers);
    const user = await this.users.findOneBy({ id });
    if (!user) throw new AuthError(AuthErrorCode.UserNotFound, `no user with id ${id}`);
    if (changes.password !== undefined) assertStrongEnough(changes.password);
    const email = changes.email === undefined ? undefined : normaliseEmail(changes.email);
    const changed =
      (email !== undefined && email !== user.email) ||
      (changes.role !== undefined && changes.role !== user.role) ||
      (changes.disabled !== undefined && changes.disabled !== user.disabled) ||
      changes.password !== undefined;
    if (!changed) return { user, changed: false };
    const passwordHash = changes.password === undefined ? undefined : await hash(changes.password, BCRYPT_ROUNDS);
    await this.keepingAnAdmin(async (users) => {
      const current = await users.findOneByOrFail({ id });
      if (email !== undefined) current.email = email;
      if (changes.role !== undefined) current.role = changes.role;
      if (changes.disabled !== undefined) current.disabled = changes.disabled;
      if (passwordHash !== undefined) current.passwordHash = passwordHash;
      assertAdminLeft(await users.find({ where: { role: UserRole.Admin, disabled: false } }), current);
      await this.saveEmailOnce(current, users);
    });
    return { user: await this.users.findOneByOrFail({ id }), changed: true };
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  countAdmins(): Promise<number> {
    return this.users.countBy({ role: UserRole.Admin });
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Refuses a change after which `changed` would leave no enabled admin among `admins` (the enabled admins before it). */
function assertAdminLeft(admins: User[], changed: User): void {
  const stillAdmin = changed.role === UserRole.Admin && !changed.disabled;
  if (stillAdmin || admins.some((admin) => admin.id !== changed.id)) return;
  if (!admins.some((admin) => admin.id === changed.id)) return;
  throw new AuthError(
    AuthErrorCode.LastAdmin,
    `${changed.email} is the last enabled admin: make another account admin first (npm run cli -- user:role --email … --role admin)`,
  );
}

function assertStrongEnough(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AuthError(AuthErrorCode.WeakPassword, `passwords must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
}
