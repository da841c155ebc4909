import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorGuard } from './actor.guard';
import { ApiToken } from './api-token.entity';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, ApiToken])],
  controllers: [ApiTokensController],
  providers: [UsersService, ApiTokensService, ActorGuard],
  // The repositories too: the panel's (admin-only) user and token pages read through them.
  exports: [UsersService, ApiTokensService, ActorGuard, TypeOrmModule],
})
export class AuthModule {}
