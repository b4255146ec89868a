#!/usr/bin/env node
// `npx recon …` (or `recon` once the package is installed): the operator's command line. It runs the
// compiled build when `npm run build` has produced one newer than every source file, and otherwise the
// TypeScript sources through SWC, so that a fresh clone answers at once without a build step and a
// stale build never runs code older than what is checked out.
const { readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const compiled = path.join(root, 'dist/apps/cli/src/main.js');

function newestSource(folder, newest = 0) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'test' || entry.name === 'fixtures') continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = newestSource(full, newest);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function builtAndCurrent() {
  let built;
  try {
    built = statSync(compiled).mtimeMs;
  } catch {
    return false;
  }
  return built >= Math.max(newestSource(path.join(root, 'apps/cli/src')), newestSource(path.join(root, 'libs')));
}

if (builtAndCurrent()) {
  require(path.join(root, 'scripts/register-paths.js'));
  require(compiled);
} else {
  // tsconfig.json maps the @recon/* aliases to the libraries' sources; SWC reads it.
  process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.json');
  require('@swc-node/register');
  require(path.join(root, 'apps/cli/src/main.ts'));
}
