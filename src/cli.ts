import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module';
import { boundHeapGrowth } from './common/heap-growth';

/** Entry point of `npm run cli -- <command>`. Commands set `process.exitCode`; errors print without a stack. */
async function main(): Promise<void> {
  boundHeapGrowth();
  await CommandFactory.run(CliModule, {
    logger: ['error', 'warn'],
    errorHandler: (error) => {
      // Commander reports --help and --version as errors too; they are answers.
      const code = (error as Error & { code?: string }).code;
      if (code === 'commander.helpDisplayed' || code === 'commander.help' || code === 'commander.version') process.exit(0);
      console.error(`error: ${error.message}`);
      process.exit(2);
    },
    serviceErrorHandler: (error) => {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
    },
  });
}

void main();
