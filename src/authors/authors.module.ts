import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from '../articles/articles.module';
import { AuthModule } from '../auth/auth.module';
import { AuthorMerge } from './author-merge.entity';
import { Author } from './author.entity';
import { AuthorsController } from './authors.controller';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AuthorsService } from './authors.service';

@Module({
  imports: [TypeOrmModule.forFeature([Author, AuthorMerge]), AuthModule, ArticlesModule, WebhooksModule],
  controllers: [AuthorsController],
  providers: [AuthorsService],
  // The repository too: the panel's list and record pages read authors through it (writes go through AuthorsService).
  exports: [AuthorsService, TypeOrmModule],
})
export class AuthorsModule {}
