import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MediaObject } from './media-object.entity';
import { MEDIA_STORAGE, PostgresMediaStorage } from './media-storage';
import { MediaController, PhotoImagesController } from './photo-images.controller';
import { PhotoImagesService } from './photo-images.service';
import { PhotoRendition } from './photo-rendition.entity';
import { Photo } from './photo.entity';
import { PhotosController } from './photos.controller';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { PhotosService } from './photos.service';

@Module({
  imports: [TypeOrmModule.forFeature([Photo, PhotoRendition, MediaObject]), AuthModule, WebhooksModule],
  controllers: [PhotosController, PhotoImagesController, MediaController],
  providers: [PhotosService, PhotoImagesService, { provide: MEDIA_STORAGE, useClass: PostgresMediaStorage }],
  // The repository too: the panel's list and record pages read photos through it (writes go through PhotosService).
  exports: [PhotosService, PhotoImagesService, TypeOrmModule],
})
export class PhotosModule {}
