import { Module } from '@nestjs/common';
import { WiredeskContext } from './wiredesk-context';

/** Every `npm run cli -- <command>`: each command is a provider here. */
@Module({
  providers: [WiredeskContext],
})
export class CliModule {}
