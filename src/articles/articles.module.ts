import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { PhotosModule } from '../photos/photos.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ArticleFeedService } from './article-feed.service';
import { NinjsService } from './ninjs.service';
import { ArticleListQuery } from './article-list.query';
import { ArticlePreconditions } from './article-preconditions';
import { ArticlePreviewService } from './article-preview.service';
import { Article } from './article.entity';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { Byline } from './byline.entity';
import { ArticlePreviewController, SharedPreviewController } from './preview.controller';
import { PublicContentCache } from './public-content-cache';

@Module({
  imports: [TypeOrmModule.forFeature([Article, Byline]), AuthModule, PhotosModule, WebhooksModule],
  controllers: [ArticlesController, ArticlePreviewController, SharedPreviewController],
  providers: [ArticlesService, ArticleFeedService, NinjsService, ArticlePreconditions, ArticlePreviewService, PublicContentCache, ArticleListQuery],
  exports: [ArticlesService, ArticleFeedService, NinjsService, ArticlePreconditions, ArticlePreviewService, ArticleListQuery, TypeOrmModule],
})
export class ArticlesModule {}
