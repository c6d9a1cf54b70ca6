// Fails when an installed package declares an engines.node range that excludes the running Node,
// except the two pure-JS packages stack.md documents as working on Node 20.19+.
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const ALLOWED = new Set(['cookie', 'content-disposition']);
const bad = [];

function walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (name.startsWith('@')) {
      walk(full);
      continue;
    }
    const pkgFile = path.join(full, 'package.json');
    if (fs.existsSync(pkgFile)) {
      const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
      const range = pkg.engines?.node;
      if (typeof range === 'string' && !ALLOWED.has(pkg.name) && semver.validRange(range)) {
        if (!semver.satisfies(process.versions.node, range, { includePrerelease: true })) {
          bad.push(`${pkg.name}@${pkg.version} needs node ${range}`);
        }
      }
    }
    walk(path.join(full, 'node_modules'));
  }
}

walk(path.resolve('node_modules'));
if (bad.length) {
  console.error(`check-engines: packages that exclude Node ${process.versions.node}:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-engines: every installed package accepts Node ${process.versions.node}`);
