import { Module } from '@nestjs/common';
import { ImportCommand } from './import.command';
import { ImportRetryCommand } from './import-retry.command';
import { ParseCommand } from './parse.command';
import { ParseScoreCommand } from './parse-score.command';
import { TokenCreateCommand, TokenRevokeCommand } from './token-create.command';
import { UserCreateCommand } from './user-create.command';
import { UserDisableCommand } from './user-disable.command';
import { UserPasswordCommand } from './user-password.command';
import { UserRoleCommand } from './user-role.command';
import { WiredeskContext } from './wiredesk-context';

/** Every `npm run cli -- <command>`: each command is a provider here. */
@Module({
  providers: [WiredeskContext, ParseCommand, ParseScoreCommand, ImportCommand, ImportRetryCommand, TokenCreateCommand, TokenRevokeCommand, UserCreateCommand, UserDisableCommand, UserRoleCommand, UserPasswordCommand],
})
export class CliModule {}
