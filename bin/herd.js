#!/usr/bin/env node
// The `herd` command: builds dist/ first when the sources are newer, then runs the compiled CLI.
const { join } = require('node:path');
const { ensureBuilt } = require('../scripts/ensure-built');

const entry = join('dist', 'src', 'cli', 'herd', 'main.js');
ensureBuilt(entry);
require(join(__dirname, '..', entry));
