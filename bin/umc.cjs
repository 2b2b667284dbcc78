#!/usr/bin/env node
// The `umc` command: runs the bundled CLI built by `npm run build` (npm install builds it via "prepare").
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const bundle = join(__dirname, '..', 'out', 'cli', 'umc.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('umc: the CLI is not built yet; run `npm run build` in ' + join(__dirname, '..') + '\n');
  process.exit(2);
}
require(bundle).main();
