// `npm test`: every server test on SQLite and PostgreSQL, then the browser tests, then one summary.
// Flags: --no-e2e (server tests only), --only-e2e. Env: DIALECTS=sqlite narrows the run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebIfNeeded } from './build-web-if-needed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const dialects = (process.env.DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());

function findTests(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') findTests(full, out);
    } else if (entry.name.endsWith('.test.ts')) out.push(path.relative(root, full));
  }
  return out.sort();
}

function run(label, argv, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(process.execPath, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return { label, ok: result.status === 0, seconds: (Date.now() - started) / 1000 };
}

const results = [];
const all = findTests(path.join(root, 'src')).concat(findTests(path.join(root, 'test')));
const serverTests = all.filter((f) => !f.startsWith('test/e2e/'));
const e2eTests = all.filter((f) => f.startsWith('test/e2e/'));

if (!args.has('--only-e2e')) {
  if (dialects.includes('postgres')) {
    const prep = run('PostgreSQL set-up', ['--import', 'tsx', 'test/support/prepare-pg.ts']);
    if (!prep.ok) {
      console.error('\nnpm test: PostgreSQL is required (DIALECTS includes postgres) and could not be prepared.');
      process.exit(1);
    }
  }
  results.push(
    run(`server tests (${serverTests.length} files; dialects: ${dialects.join(', ')})`, [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-concurrency=3',
      '--test-timeout=120000',
      ...serverTests,
    ]),
  );
}

if (!args.has('--no-e2e') && e2eTests.length) {
  buildWebIfNeeded();
  // One prepared demo data directory for the run; every e2e server starts from a copy of it.
  const prepared = spawnSync(process.execPath, ['--import', 'tsx', 'test/e2e/support/prepare-template.ts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const template = prepared.status === 0 ? prepared.stdout.trim().split('\n').at(-1) : undefined;
  if (!template) console.error('npm test: could not prepare the e2e data template; each server generates its own');
  results.push(
    run(
      `browser tests (${e2eTests.length} files)`,
      [
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        // Two files at a time: a browser test mostly waits (page loads, polling), so two share the cores well.
        '--test-concurrency=2',
        '--test-timeout=180000',
        ...e2eTests,
      ],
      template ? { QCITY_E2E_TEMPLATE: template } : {},
    ),
  );
  if (template) fs.rmSync(template, { recursive: true, force: true });
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.label}  (${r.seconds.toFixed(1)} s)`);
const failed = results.filter((r) => !r.ok);
console.log(failed.length ? `\nnpm test: ${failed.length} part(s) failed` : '\nnpm test: all passed');
process.exit(failed.length ? 1 : 0);
