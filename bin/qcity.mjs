#!/usr/bin/env node
// The `qcity` command. Runs the compiled CLI from dist/ when it is built (production), otherwise the
// TypeScript sources through tsx (Node 20 cannot strip types itself).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist/server/cli/index.js');
let entry;
if (process.env.NODE_ENV === 'production' && fs.existsSync(compiled)) {
  entry = compiled;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = path.join(root, 'src/cli/index.ts');
}
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv);
