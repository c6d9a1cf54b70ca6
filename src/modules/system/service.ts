import { shanghaiDate } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import type { CoreDeps } from '../../core/deps.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../users/demo.js';

/** Public facts about this installation. */
export class SystemService {
  constructor(
    private readonly core: CoreDeps,
    private readonly version: string,
  ) {}

  /** Name and version; in demo mode also the demo accounts, so the login page can list them. */
  meta(ctx: RequestContext) {
    const demo = this.core.config.demo;
    return {
      name: ctx.lang === 'en' ? 'QualityCity' : '质量强市',
      version: this.version,
      demo,
      asOf: this.core.config.asOf ?? shanghaiDate(this.core.clock.now()),
      ...(demo
        ? {
            demoAccounts: DEMO_ACCOUNTS.filter((a) => a.username !== 'lockme').map((a) => ({
              username: a.username,
              password: DEMO_PASSWORD,
              label: a.label[ctx.lang],
            })),
          }
        : {}),
    };
  }
}
