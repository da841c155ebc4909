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
  exports: [UsersService, ApiTokensService, ActorGuard],
})
export class AuthModule {}
