import { DynamicModule, Global, Module } from '@nestjs/common';
import { JOB_WORKERS_ENABLED, JobQueueService } from './job-queue.service';

@Global()
@Module({})
export class JobsModule {
  static forRoot(options: { runWorkers: boolean }): DynamicModule {
    return {
      module: JobsModule,
      providers: [{ provide: JOB_WORKERS_ENABLED, useValue: options.runWorkers }, JobQueueService],
      exports: [JobQueueService],
    };
  }
}
