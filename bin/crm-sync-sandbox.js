#!/usr/bin/env node
'use strict';
// Starts the offline API twins; see `crm-sync-sandbox --help`. Needs the built package (dist/).
require('../dist/sandbox/cli.js')
  .main(process.argv.slice(2))
  .catch((err) => {
    process.stderr.write(`crm-sync-sandbox: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  });
