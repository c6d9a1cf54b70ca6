import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser.js';
import { startServer, type TestServer } from './server.js';

/** One server and one Chromium for a test file, started before its tests and stopped after them. */
export interface E2eSession {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh context and page against the server (own cookies and localStorage). */
  open(options?: Parameters<typeof openPage>[2]): ReturnType<typeof openPage>;
}

/** Registers the file's before/after hooks; call at the top of a describe block. */
export function e2eSession(extraEnv: Record<string, string> = {}): E2eSession {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    [server, browser] = await Promise.all([startServer(extraEnv), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the e2e server is not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet');
      return browser;
    },
    open(options) {
      return openPage(this.browser, this.server.url, options);
    },
  };
}

/** A button's accessible name: antd puts a space between two CJK characters ("报 备"), icons add their own. */
export const btn = (label: string) => new RegExp([...label].join('\\s?'));
