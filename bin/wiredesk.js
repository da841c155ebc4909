#!/usr/bin/env node
'use strict';
/**
 * `wiredesk <command>` (the package's bin) and `npm run cli -- <command>`: compiles first only when the
 * sources changed since the last build (see scripts/build.js), then runs the command line in this process.
 */
const { ensureBuilt } = require('../scripts/build.js');

ensureBuilt({ only: 'dist' }).then(
  () => require('../dist/src/cli.js'),
  (error) => {
    process.stderr.write(`wiredesk: the build failed, so the command did not run: ${error.message}\n`);
    process.exit(1);
  },
);
