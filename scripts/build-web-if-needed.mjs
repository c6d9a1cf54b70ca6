// Builds the web UI when dist/web is missing or older than any file under web/ (used by npm start
// and npm test, so a fresh clone needs no separate build step).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `vite build` unless dist/web/index.html is newer than every web source file. */
export function buildWebIfNeeded() {
  const index = path.join(root, 'dist/web/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(root, 'web')),
    fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
  );
  if (built >= sources) return false;
  console.log('qcity: building the web UI (vite build)…');
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    console.error('qcity: the web UI build failed');
    process.exit(result.status ?? 1);
  }
  console.log(`qcity: web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildWebIfNeeded();
