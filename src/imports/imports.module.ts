import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { DumpValidators } from './dump-inspector';
import { DumpUploads } from './dump-upload';
import { ImportPayloadChunk } from './import-payload.entity';
import { ImportWorker } from './import-worker';
import { Import } from './import.entity';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { InboxWatcher } from './inbox-watcher';
import { WireImporter } from './wire-importer';

@Module({
  imports: [
    TypeOrmModule.forFeature([Import, ImportPayloadChunk]),
    AuthModule,
    WebhooksModule,
  ],
  controllers: [ImportsController],
  providers: [ImportsService, WireImporter, ImportWorker, DumpValidators, DumpUploads, InboxWatcher],
  // The repository too: the panel's list and record pages read imports through it, never their reports in bulk.
  exports: [ImportsService, DumpUploads, TypeOrmModule],
})
export class ImportsModule {}
