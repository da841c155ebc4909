import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { Photo } from './photo.entity';
import { PhotosController } from './photos.controller';
import { PhotosService } from './photos.service';

@Module({
  imports: [TypeOrmModule.forFeature([Photo]), AuthModule],
  controllers: [PhotosController],
  providers: [PhotosService],
  // The repository too: the panel's list and record pages read photos through it (writes go through PhotosService).
  exports: [PhotosService, TypeOrmModule],
})
export class PhotosModule {}
