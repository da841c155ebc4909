import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { EnvironmentVariables } from '../config/environment';
import { ImportPayload } from './import-payload.entity';
import { ImportWorker } from './import-worker';
import { Import } from './import.entity';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { WireImporter } from './wire-importer';

@Module({
  imports: [
    TypeOrmModule.forFeature([Import, ImportPayload]),
    AuthModule,
    // Uploads are held in memory up to IMPORT_MAX_BYTES; multer answers 413 beyond that.
    MulterModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
        limits: { fileSize: config.get('IMPORT_MAX_BYTES', { infer: true }), files: 1 },
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService, WireImporter, ImportWorker],
  exports: [ImportsService],
})
export class ImportsModule {}
