import type { Command } from 'commander';
import { isRole } from '../core/auth/roles.js';
import { QcError } from '../core/errors.js';
import { cliContext, readStdin, withServices } from './context.js';

function parseGrant(value: string, previous: { role: string; scope: string | null }[] = []) {
  const [role, ...rest] = value.split(':');
  if (!role || !isRole(role)) throw new QcError('QC_ERR_USER_ROLE_SCOPE', [value]);
  return [...previous, { role, scope: rest.join(':') || null }];
}

async function password(options: { password?: string; passwordStdin?: boolean }): Promise<string> {
  if (options.passwordStdin) return readStdin();
  const value = options.password ?? process.env.QCITY_PASSWORD;
  if (!value) throw new Error('give the password with --password-stdin, --password or QCITY_PASSWORD');
  return value;
}

/** `qcity user add|passwd|disable|enable|list|token`. */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('manage accounts (the first admin of a production install starts here)');

  user
    .command('add <username>')
    .description('create an account')
    .requiredOption('-r, --role <role[:scope]>', 'role and scope, repeatable: admin, unit:EDU, leader, reporter:H-QDUH …', parseGrant)
    .option('-n, --name <display name>', 'name shown in the UI')
    .option('--password <password>', 'initial password (prefer --password-stdin)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print the account as JSON')
    .action(async (username: string, options) => {
      const secret = await password(options);
      const created = await withServices((s) =>
        s.users.create(cliContext(), { username, displayName: options.name ?? username, password: secret, roles: options.role }, { skipAccessCheck: true }),
      );
      console.log(options.json ? JSON.stringify(created) : `created ${created.username} (#${created.id}): ${created.roles.map((r) => (r.scope ? `${r.role}:${r.scope}` : r.role)).join(', ')}`);
    });

  user
    .command('passwd <username>')
    .description('set a new password; the user’s sessions end')
    .option('--password <password>', 'new password (prefer --password-stdin)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, options) => {
      const secret = await password(options);
      await withServices(async (s) => s.users.setPassword(cliContext(), await s.users.idOf(username), secret, { skipAccessCheck: true }));
      console.log(`password changed for ${username}`);
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(disabled ? 'disable an account and end its sessions' : 'enable a disabled account')
      .action(async (username: string) => {
        await withServices(async (s) => s.users.update(cliContext(), await s.users.idOf(username), { disabled }, { skipAccessCheck: true }));
        console.log(`${username} ${disabled ? 'disabled' : 'enabled'}`);
      });
  }

  user
    .command('list')
    .description('list accounts')
    .option('--json', 'one JSON object per line')
    .action(async (options) => {
      const users = await withServices((s) => s.users.listAll());
      for (const u of users) {
        if (options.json) console.log(JSON.stringify(u));
        else {
          const roles = u.roles.map((r) => (r.scope ? `${r.role}:${r.scope}` : r.role)).join(',');
          console.log(`${u.username.padEnd(16)} ${u.disabled ? 'disabled' : 'active  '} ${roles.padEnd(24)} ${u.displayName}`);
        }
      }
    });

  user
    .command('token <username>')
    .description('issue an API token for system-to-system use (printed once)')
    .requiredOption('--name <name>', 'what the token is for')
    .requiredOption('-p, --permission <permission...>', 'permissions the token may use (see GET /api/tokens/permissions)')
    .option('--days <n>', 'days until it expires', (v) => Number.parseInt(v, 10), 90)
    .option('--json', 'print the token record as JSON')
    .action(async (username: string, options) => {
      const issued = await withServices((s) => s.users.issueTokenFor(cliContext(), username, { name: options.name, permissions: options.permission, expiresInDays: options.days }));
      console.log(options.json ? JSON.stringify(issued) : `${issued.token}\n(expires ${issued.expiresAt}; store it now, it is not shown again)`);
    });
}
