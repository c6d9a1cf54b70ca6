import { main } from '../../src/cli/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `qcity …` inside the test process with `env` laid over process.env, capturing console output and
 * the exit code. Spawning the command costs seconds per run (a fresh Node and TypeScript load); the few
 * tests about the executable itself (stdin, start-up failures) still spawn it. Calls must not overlap.
 */
export async function qcityInProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const saved = { log: console.log, error: console.error, exitCode: process.exitCode };
  const savedEnv = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  const out: string[] = [];
  const err: string[] = [];
  console.log = (...xs: unknown[]) => void out.push(xs.map(String).join(' '));
  console.error = (...xs: unknown[]) => void err.push(xs.map(String).join(' '));
  Object.assign(process.env, env);
  process.exitCode = undefined;
  try {
    await main(['node', 'qcity', ...args]);
    return {
      code: Number(process.exitCode ?? 0),
      stdout: out.map((l) => `${l}\n`).join(''),
      stderr: err.map((l) => `${l}\n`).join(''),
    };
  } finally {
    console.log = saved.log;
    console.error = saved.error;
    process.exitCode = saved.exitCode;
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
