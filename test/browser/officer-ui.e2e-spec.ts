import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Federation, startFederation } from '../../scripts/demo-federation.mjs';
import { createTestDatabase } from '../support/databases';
import { freePort } from '../support/ports';
import { testEnv } from '../support/test-env';

// The officers' web app in Debian's Chromium (never a downloaded browser), against a real hub
// and two real nodes, each its own process on its own PostgreSQL database, as `npm start` runs
// them: FR's officer composes an ISP-subscriber request, FR's supervisor approves it, DE's
// officer takes and answers it, FR's officer reads the answer with both receipts verified and
// the acceptance found in the hub's audit log. Each main screen is checked with axe-core
// (WCAG 2.1 A/AA) and must raise no Content-Security-Policy violation. Screenshots go to
// SCREENSHOT_DIR (npm run screenshots: docs/screenshots), else to a temporary directory.
jest.setTimeout(300_000);

const root = resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

type Db = Awaited<ReturnType<typeof createTestDatabase>>;

describe('the officers\' web app in a browser (hub + FR + DE processes)', () => {
  let dataDir: string;
  let webDir: string;
  let shots: string;
  let dbs: Db[] = [];
  let federation: Federation | undefined;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  const password = (username: string) => federation!.logins.find((l) => l.username === username)!.password;
  const urlOf = (name: 'FR' | 'DE') => federation!.nodes.find((n) => n.name === name)!.url;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cicu-browser-'));
    shots = process.env.SCREENSHOT_DIR !== undefined ? resolve(process.env.SCREENSHOT_DIR) : join(dataDir, 'screenshots');
    mkdirSync(shots, { recursive: true });
    // The web app of these sources, whatever `npm run build` left in apps/node/web/dist.
    webDir = join(dataDir, 'web');
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'apps/node/web', '--outDir', webDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: 'pipe' });
    dbs = await Promise.all(['hub', 'fr', 'de'].map((name) => createTestDatabase(`browser_${name}`)));
    const [hub, FR, DE] = await Promise.all([freePort(), freePort(), freePort()]);
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
        QUEUE_PREFIX: `cicu-browser-${Date.now().toString(36)}`,
        WEB_DIR: webDir,
        SEAL_PBES2_COUNT: '1000',
        LOG_LEVEL: 'warn',
        DELIVERY_BACKOFF_MS: '300',
        SUBMIT_BACKOFF_MS: '300',
        MAILBOX_POLL_SECONDS: '2',
        AUDIT_TREE_HEAD_SECONDS: '2',
        AUDIT_MONITOR_SECONDS: '2',
      },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await federation?.stop();
    await Promise.all(dbs.map((db) => db.drop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh browser profile logged in as `username` at `node`. */
  async function logIn(node: 'FR' | 'DE', username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    const response = await page.goto(urlOf(node));
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password(username));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    return page;
  }

  /** axe-core in the page: no WCAG 2.1 A or AA violation. */
  async function expectAccessible(page: Page, screen: string): Promise<void> {
    await page.evaluate(axeSource);
    // A string: the page's globals (axe, document) are not this file's (no DOM lib here).
    const violations = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
         .then((result) => result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    )) as string[];
    expect({ screen, violations }).toEqual({ screen, violations: [] });
  }

  async function choose(page: Page, inputId: string, option: string): Promise<void> {
    await page.locator(`#${inputId}`).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /**
   * The whole page: the viewport grows to the page's height for the shot, so the fixed header
   * and navigation stand where they do on screen (a full-page shot of a scrolled page draws the
   * header wherever the viewport was).
   */
  async function shoot(page: Page, name: string): Promise<void> {
    const size = page.viewportSize()!;
    const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
    await page.screenshot({ path: join(shots, `${name}.png`) });
    await page.setViewportSize(size);
  }

  let requestUrl: string;

  it('FR officer logs in and composes an ISP-subscriber request, validated as typed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const login = await context.newPage();
    await login.goto(urlOf('FR'));
    await login.locator('#username').waitFor();
    await expectAccessible(login, 'login');
    await shoot(login, 'login');

    const page = await logIn('FR', 'fr.officer');
    await page.getByRole('link', { name: 'New request', exact: true }).click();
    // One partner, one agreement: taken at once; only what the agreement covers is offered.
    await page.getByRole('heading', { name: 'New request' }).waitFor();
    await expectAccessibleSoon(page);
    expect(await page.locator('#compose-partnerUnit').inputValue()).toBe('DE-ZIRE');
    await choose(page, 'compose-requestType', 'Subscriber behind an IP address');
    if ((await page.locator('#compose-legalBasisId').inputValue()) === '') await page.locator('#compose-legalBasisId').click().then(() => page.getByRole('option').first().click());
    await choose(page, 'compose-area', 'Medicines');
    await choose(page, 'compose-priority', 'Urgent');
    await page.locator('#compose-caseReference').fill('CYB-2026-0042');
    await page.locator('#compose-summaryOfFacts').fill('Online shop selling unauthorised medicines to French customers.');
    await page.locator('#compose-measureRequested').fill('Identify the subscriber behind the IP address at the time given.');
    await page.locator('#compose-enquiriesMade').fill('WHOIS of the shop domain; test purchase on 12 January.');
    // The protocol's own message, at the field, as the officer types.
    await page.locator('#subject-ip').fill('203.0.113');
    await page.locator('#subject-timestamp').fill('2026-01-14T21:03:17Z');
    await page.getByText('must be an IPv4 address or an IPv6 address').waitFor();
    await expectAccessible(page, 'compose with a field in error');
    await shoot(page, 'compose');
    await page.locator('#subject-ip').fill('203.0.113.45');
    await page.locator('#subject-provider').fill('Example Telecom');
    await page.getByText('The request is complete and covered by the agreement.').waitFor();
    expect(await page.getByText('must be an IPv4 address or an IPv6 address').count()).toBe(0);
    await page.getByRole('button', { name: 'File the request' }).click();
    await page.getByRole('heading', { name: 'Request CYB-2026-0042' }).waitFor();
    await page.getByText('Awaiting approval').first().waitFor();
    requestUrl = page.url();
    expect(requestUrl).toMatch(/\/requests\/[0-9a-f-]{36}$/);
    await expectAccessible(page, 'request detail (awaiting approval)');
  });

  // axe must see the form settled (the live check renders after a pause).
  async function expectAccessibleSoon(page: Page): Promise<void> {
    await page.waitForTimeout(400);
    await expectAccessible(page, page.url());
  }

  it('FR supervisor approves it from the approval queue', async () => {
    const page = await logIn('FR', 'fr.supervisor');
    expect(await page.getByTestId('count-approvals').textContent()).toContain('1');
    await expectAccessible(page, 'dashboard');
    await shoot(page, 'dashboard');
    await page.getByRole('link', { name: 'Approvals', exact: true }).click();
    await page.getByRole('heading', { name: /CYB-2026-0042/ }).waitFor();
    await page.getByText('Subscriber name').or(page.getByText('IP address')).first().waitFor();
    await expectAccessible(page, 'approvals');
    await shoot(page, 'approvals');
    await page.getByRole('button', { name: 'Approve and send' }).click();
    await page.getByText('Approved: the request is sealed and sent.').waitFor();
  });

  it('DE officer takes the request and answers it with a typed finding', async () => {
    const page = await logIn('DE', 'de.officer');
    await page.getByRole('link', { name: 'Incoming', exact: true }).click();
    // The list refreshes itself (every 10 s) until the hub has delivered the request to DE.
    const link = page.getByRole('link', { name: 'Subscriber behind an IP address' });
    await link.first().waitFor({ timeout: 90_000 });
    await link.first().click();
    await page.getByRole('heading', { name: /FR-CYBERDOUANE/ }).waitFor();
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('Assigned.').waitFor();
    await choose(page, 'finding-0-evaluation-source', 'A');
    await choose(page, 'finding-0-evaluation-information', '1');
    await choose(page, 'finding-0-handlingCode', 'H0');
    await page.locator('#finding-0-subscriberName').fill('Jane Example');
    await page.locator('#finding-0-address').fill('1 Example Street, 10115 Berlin');
    await page.locator('#finding-0-accountOpenedOn').fill('2021-06-01');
    await page.getByText('The request is complete and covered by the agreement.').waitFor();
    await expectAccessible(page, 'incoming request with answer form');
    await shoot(page, 'answer');
    await page.getByRole('button', { name: 'Sign and send the answer' }).click();
    await page.getByText('Answer signed and queued for the requesting unit.').waitFor();
  });

  it('FR officer reads the answer and sees both receipts verified and the audit inclusion', async () => {
    const page = await logIn('FR', 'fr.officer');
    await page.goto(requestUrl);
    const verified = async () =>
      (await page.getByTestId('proof-hub-receipt').getAttribute('data-verified')) === 'true' &&
      (await page.getByTestId('proof-delivery-receipt').getAttribute('data-verified')) === 'true' &&
      (await page.getByTestId('proof-audit-log').getAttribute('data-verified')) === 'true' &&
      (await page.getByTestId('answer').count()) === 1;
    await page.getByTestId('proof-hub-receipt').waitFor();
    for (let i = 0; i < 60 && !(await verified()); i++) await page.waitForTimeout(1000);
    expect(await verified()).toBe(true);
    await page.getByText('Jane Example').waitFor();
    for (const step of ['drafted', 'approved', 'submitted', 'delivered', 'answered']) expect(await page.getByTestId(`timeline-${step}`).getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('due').textContent()).toContain('Closed');
    await expectAccessible(page, 'request detail (answered)');
    await shoot(page, 'request-detail');

    // The language switcher: the same screen in French, then German.
    await page.getByText('FR', { exact: true }).click();
    await page.getByText('Preuves vérifiées par ce nœud').waitFor();
    await page.getByText('DE', { exact: true }).click();
    await page.getByText('Von diesem Knoten geprüfte Nachweise').waitFor();
    await page.getByText('EN', { exact: true }).click();

    // Logging out revokes the token: the app shows the login page again.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('#username').waitFor();
  });

  it('raised no Content-Security-Policy violation on any screen', () => {
    expect(cspViolations).toEqual([]);
  });
});
