import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (test/e2e/support → ../../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Asks the OS for a free TCP port. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer /readyz within ${timeoutMs} ms:\n${output()}`);
}

/** The environment every e2e server runs with, for a data directory. */
export function e2eServerEnv(dataDir: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    QCITY_DATA_DIR: dataDir,
    QCITY_DATABASE_URL: `sqlite:${path.join(dataDir, 'qcity.db')}`,
    QCITY_DEMO: 'true',
    QCITY_LOG_LEVEL: 'warn',
    QCITY_OVERLOAD_DELAY_MS: '0',
    QCITY_WEB_DIR: path.join(ROOT, 'dist/web'),
  };
}

/**
 * Starts the real server (`node --import tsx src/server.ts`) on a free port with its own SQLite database
 * in a temporary data directory and demo accounts on; resolves once /readyz answers. When
 * QCITY_E2E_TEMPLATE names a prepared data directory (scripts/test.mjs makes one per run), the server
 * starts from a copy of it instead of generating the demo data again.
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const webIndex = path.join(ROOT, 'dist/web/index.html');
  if (!fs.existsSync(webIndex)) throw new Error(`${webIndex} is missing: run "npm run build:web" first`);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-e2e-'));
  const template = process.env.QCITY_E2E_TEMPLATE;
  if (template && fs.existsSync(path.join(template, 'qcity.db'))) fs.cpSync(template, dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...e2eServerEnv(dataDir),
      HOST: '127.0.0.1',
      PORT: String(port),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => chunks.push(d.toString()));
  const output = () => chunks.join('').slice(-4000);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitReady(url, child, output, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, dataDir, output, stop };
}
