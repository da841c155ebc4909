import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from '../articles/articles.module';
import { AuthModule } from '../auth/auth.module';
import { Caption } from './caption.entity';
import { CaptionsController } from './captions.controller';
import { CaptionsService } from './captions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Caption]), AuthModule, ArticlesModule],
  controllers: [CaptionsController],
  providers: [CaptionsService],
  // The repository too: the panel's list and record pages read captions through it (writes go through CaptionsService).
  exports: [CaptionsService, TypeOrmModule],
})
export class CaptionsModule {}
