import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { PhotosModule } from '../photos/photos.module';
import { ArticleFeedService } from './article-feed.service';
import { ArticlePreconditions } from './article-preconditions';
import { Article } from './article.entity';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { Byline } from './byline.entity';
import { PublicContentCache } from './public-content-cache';

@Module({
  imports: [TypeOrmModule.forFeature([Article, Byline]), AuthModule, PhotosModule],
  controllers: [ArticlesController],
  providers: [ArticlesService, ArticleFeedService, ArticlePreconditions, PublicContentCache],
  exports: [ArticlesService, ArticleFeedService, ArticlePreconditions, TypeOrmModule],
})
export class ArticlesModule {}
