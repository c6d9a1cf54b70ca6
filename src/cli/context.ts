import os from 'node:os';
import { createServices, prepareDatabase, type Services } from '../app.js';
import { loadConfig } from '../core/config.js';
import { type RequestContext, systemContext } from '../core/context.js';
import { connect } from '../core/db/connect.js';
import { QcError } from '../core/errors.js';

/** The audit identity of CLI writes: the operating-system user at the console. */
export function cliContext(): RequestContext {
  return systemContext('cli', `cli:${os.userInfo().username}`);
}

/**
 * Opens the configured database, brings it up to date, runs one command with the services and
 * closes everything; errors become one readable line and exit code 1.
 */
export async function withServices<T>(fn: (services: Services) => Promise<T>, options: { prepare?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const handle = connect(config.databaseUrl, { poolSize: 2 });
  try {
    const services = createServices(config, handle);
    if (options.prepare !== false) await prepareDatabase(services);
    return await fn(services);
  } finally {
    await handle.close();
  }
}

/** Prints an error the way every command does and sets a failing exit code. */
export function reportError(err: unknown): void {
  if (err instanceof QcError) console.error(`qcity: ${err.code}: ${err.messageIn('en')} / ${err.messageIn('zh')}`);
  else console.error(`qcity: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

/** Reads all of stdin (for --password-stdin). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
