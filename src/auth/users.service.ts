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
  private async saveEmailOnce(user: User): Promise<User> {
    try {
      return await this.users.save(user);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_users_email')) {
        throw new AuthError(AuthErrorCode.EmailTaken, `a user with email ${user.email} already exists`);
      }
      throw error;
    }
  }

  async setDisabled(email: string, disabled: boolean): Promise<User> {
    const user = await this.users.findOneBy({ email: normaliseEmail(email) });
    if (!user) throw new AuthError(AuthErrorCode.UserNotFound, `no user with email ${normaliseEmail(email)}`);
    user.disabled = disabled;
    return this.users.save(user);
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
    if (email !== undefined) user.email = email;
    if (changes.role !== undefined) user.role = changes.role;
    if (changes.disabled !== undefined) user.disabled = changes.disabled;
    if (changes.password !== undefined) user.passwordHash = await hash(changes.password, BCRYPT_ROUNDS);
    await this.saveEmailOnce(user);
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

function assertStrongEnough(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AuthError(AuthErrorCode.WeakPassword, `passwords must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
}
