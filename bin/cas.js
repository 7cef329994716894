#!/usr/bin/env node
// Command-line entry point of the CAS server (`npx cas <command>`); needs `npm run build` first.
require('../dist/src/cli/main.js');
