import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Federation, type FederationOptions, startFederation } from '../../../scripts/demo-federation.mjs';
import { createTestDatabase } from '../../support/databases';
import { freePort } from '../../support/ports';
import { testEnv } from '../../support/test-env';
import { waitFor } from '../../support/wait';

// The harness of the browser tests: the web apps of these sources, a real hub and two real
// nodes (each its own process on its own PostgreSQL database, as `npm start` runs them) and
// Debian's Chromium (never a downloaded browser) driven by playwright-core. Every page it opens
// is watched for Content-Security-Policy violations; axe-core checks WCAG 2.1 A/AA.
// Screenshots go to SCREENSHOT_DIR (npm run screenshots: docs/screenshots), else to a
// temporary directory.

const root = resolve(__dirname, '../../..');
const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export type WebApp = 'hub' | 'node';
type Db = Awaited<ReturnType<typeof createTestDatabase>>;

export interface BrowserFederationOptions {
  /** Names the test databases and queue prefix. */
  label: string;
  /** The web apps to build from the sources (each into a temporary WEB_DIR). */
  apps: readonly WebApp[];
  /** Extra settings for the hub and the nodes. */
  appEnv?: FederationOptions['appEnv'];
  extraNodes?: FederationOptions['extraNodes'];
  /** Writes fixture files into the data directory before anything starts; returns the hub settings naming them. */
  hubFixtures?: (dataDir: string) => Record<string, string>;
}

export class BrowserFederation {
  readonly cspViolations: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    readonly federation: Federation,
    readonly dataDir: string,
    private readonly shots: string,
    private readonly browser: Browser,
    private readonly dbs: Db[],
  ) {}

  /** Builds the web apps, starts hub + FR + DE and the browser. */
  static async start(options: BrowserFederationOptions): Promise<BrowserFederation> {
    const dataDir = mkdtempSync(join(tmpdir(), `cicu-${options.label}-`));
    const shots = process.env.SCREENSHOT_DIR !== undefined ? resolve(process.env.SCREENSHOT_DIR) : join(dataDir, 'screenshots');
    mkdirSync(shots, { recursive: true });
    const fixtures = options.hubFixtures?.(dataDir) ?? {};
    // The web apps of these sources, whatever `npm run build` left in apps/*/web/dist.
    const webDirs: Partial<Record<WebApp, string>> = {};
    for (const app of options.apps) {
      webDirs[app] = join(dataDir, `web-${app}`);
      execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', `apps/${app}/web`, '--outDir', webDirs[app], '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: 'pipe' });
    }
    const dbs = await Promise.all(['hub', 'fr', 'de'].map((name) => createTestDatabase(`${options.label}_${name}`)));
    const [hub, FR, DE] = await Promise.all([freePort(), freePort(), freePort()]);
    let federation: Federation | undefined;
    try {
      federation = await startFederation({
        root,
        dataDir,
        ports: { hub, FR, DE },
        runtime: 'ts',
        output: 'collect',
        healthTimeoutMs: 180_000,
        log: () => undefined,
        databaseUrls: { hub: dbs[0]!.url, FR: dbs[1]!.url, DE: dbs[2]!.url },
        env: {
          DATABASE_URL: undefined,
          REDIS_URL: testEnv.redisUrl,
          QUEUE_PREFIX: `cicu-${options.label}-${Date.now().toString(36)}`,
          SEAL_PBES2_COUNT: '1000',
          LOG_LEVEL: 'warn',
          DELIVERY_BACKOFF_MS: '300',
          SUBMIT_BACKOFF_MS: '300',
          MAILBOX_POLL_SECONDS: '2',
          AUDIT_TREE_HEAD_SECONDS: '2',
          AUDIT_MONITOR_SECONDS: '2',
        },
        appEnv: {
          // Without a web app of its own an app serves none (not the other's).
          hub: { WEB_DIR: webDirs.hub ?? join(dataDir, 'no-web'), ...fixtures, ...options.appEnv?.hub },
          node: { WEB_DIR: webDirs.node ?? join(dataDir, 'no-web'), ...options.appEnv?.node },
        },
        ...(options.extraNodes !== undefined && { extraNodes: options.extraNodes }),
      });
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
      return new BrowserFederation(federation, dataDir, shots, browser, dbs);
    } catch (error) {
      await federation?.stop();
      await Promise.all(dbs.map((db) => db.drop()));
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  async stop(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
    await this.federation.stop();
    await Promise.all(this.dbs.map((db) => db.drop()));
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  get hubUrl(): string {
    return this.federation.hub.url;
  }

  nodeUrl(name: 'FR' | 'DE'): string {
    return this.federation.nodes.find((n) => n.name === name)!.url;
  }

  /** The demo password of an officer or of the hub's coordinator or auditor. */
  password(username: string): string {
    const login = [...this.federation.logins, ...this.federation.adminLogins].find((l) => l.username === username);
    if (login === undefined) throw new Error(`no demo login ${username}`);
    return login.password;
  }

  /** A fresh browser profile (its own session storage) with a page at `url`, watched for CSP violations. */
  async open(url: string, locale = 'en-GB'): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) this.cspViolations.push(message.text());
    });
    const response = await page.goto(url);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    return page;
  }

  /** Opens `url` in a fresh profile and logs `username` in through the login page. */
  async logIn(url: string, username: string, landing: string): Promise<Page> {
    const page = await this.open(url);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(this.password(username));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: landing }).waitFor();
    return page;
  }

  /** axe-core in the page: no WCAG 2.1 A or AA violation. */
  async expectAccessible(page: Page, screen: string): Promise<void> {
    // A dialog still fading in blends its colours with the overlay: axe would measure those.
    // (Polled with evaluate: waitForFunction evaluates a string, which the page's CSP forbids.)
    await waitFor('the page\'s animations to end', async () => ((await page.evaluate("document.getAnimations().every((a) => a.playState !== 'running')")) ? true : undefined), 5_000);
    await page.evaluate(axeSource);
    // A string: the page's globals (axe, document) are not this file's (no DOM lib here).
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
         .then((result) => result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    )) as string[];
    expect({ screen, violations }).toEqual({ screen, violations: [] });
  }

  /** Picks `option` in the Mantine Select whose input has `inputId`. */
  async choose(page: Page, inputId: string, option: string): Promise<void> {
    await page.locator(`#${inputId}`).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /**
   * The whole page: the viewport grows to the page's height for the shot, so the fixed header
   * and navigation stand where they do on screen (a full-page shot of a scrolled page draws the
   * header wherever the viewport was).
   */
  async shoot(page: Page, name: string): Promise<void> {
    const size = page.viewportSize()!;
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
    await page.screenshot({ path: join(this.shots, `${name}.png`) });
    await page.setViewportSize(size);
  }
}
