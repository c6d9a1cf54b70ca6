import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: two levels up from this file in src/ and in dist/server/. */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '../..') : path.resolve(here, '..');

/** A file under the project's data/ folder (default data travels with the code). */
export function dataFile(name: string): string {
  return path.join(root, 'data', name);
}

/** The project root. */
export const PROJECT_ROOT = root;
