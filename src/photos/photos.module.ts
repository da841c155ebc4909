import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../config/environment';
import { AuthModule } from '../auth/auth.module';
import { MediaObject } from './media-object.entity';
import { MEDIA_STORAGE, PostgresMediaStorage } from './media-storage';
import { MediaController, PhotoImagesController } from './photo-images.controller';
import { PhotoImagesService } from './photo-images.service';
import { PhotoCreditChange } from './photo-credit-change.entity';
import { PhotoRendition } from './photo-rendition.entity';
import { Photo } from './photo.entity';
import { PhotosController } from './photos.controller';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { PhotosService } from './photos.service';
import { S3Environment, S3MediaStorage, s3SettingsFrom } from './s3-media-storage';

@Module({
  imports: [TypeOrmModule.forFeature([Photo, PhotoRendition, MediaObject, PhotoCreditChange]), AuthModule, WebhooksModule],
  controllers: [PhotosController, PhotoImagesController, MediaController],
  providers: [
    PhotosService,
    PhotoImagesService,
    {
      // MEDIA_STORAGE (validated with the S3_* settings at start-up) picks where image bytes live.
      provide: MEDIA_STORAGE,
      inject: [ConfigService, getDataSourceToken()],
      useFactory: (config: ConfigService<EnvironmentVariables, true>, dataSource: DataSource) =>
        config.get('MEDIA_STORAGE', { infer: true }) === 's3' ? new S3MediaStorage(s3SettingsFrom(readS3(config)), dataSource) : new PostgresMediaStorage(dataSource),
    },
  ],
  // The repository too: the panel's list and record pages read photos through it (writes go through PhotosService).
  exports: [PhotosService, PhotoImagesService, TypeOrmModule],
})
export class PhotosModule {}

/** The S3_* settings as validated at start-up. */
function readS3(config: ConfigService<EnvironmentVariables, true>): S3Environment {
  const names = ['S3_BUCKET', 'S3_REGION', 'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PREFIX'] as const;
  return Object.fromEntries(names.map((name) => [name, config.get(name)]));
}
