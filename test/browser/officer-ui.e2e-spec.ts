import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import { BrowserFederation } from './support/browser-federation';

// The officers' web app in Debian's Chromium against a real hub and two real nodes (the
// harness: support/browser-federation.ts): FR's officer composes an ISP-subscriber request,
// FR's supervisor approves it, DE's officer takes and answers it, FR's officer reads the answer
// with both receipts verified and the acceptance found in the hub's audit log. FR's request
// carries a file, which DE downloads byte for byte under the same control number. Each main screen
// is checked with axe-core (WCAG 2.1 A/AA) and must raise no Content-Security-Policy violation.
jest.setTimeout(300_000);

describe('the officers\' web app in a browser (hub + FR + DE processes)', () => {
  let x: BrowserFederation;

  beforeAll(async () => {
    x = await BrowserFederation.start({ label: 'browser', apps: ['node'] });
  }, 300_000);

  afterAll(async () => {
    await x?.stop();
  });

  /** A fresh browser profile logged in as `username` at `node`. */
  const logIn = (node: 'FR' | 'DE', username: string) => x.logIn(x.nodeUrl(node), username, 'Dashboard');
  const expectAccessible = (page: Page, screen: string) => x.expectAccessible(page, screen);
  const choose = (page: Page, inputId: string, option: string) => x.choose(page, inputId, option);
  const shoot = (page: Page, name: string) => x.shoot(page, name);

  let requestUrl: string;
  // The file FR attaches; DE must download exactly these bytes, under the same control number.
  const report = Buffer.from('Test purchase report, order 4711: 3 boxes of prescription-only medicine.\n');
  const reportControlNumber = `sha256:${createHash('sha256').update(report).digest('hex')}`;
  // The file DE answers with; FR must download exactly these bytes.
  const record = Buffer.from('Subscriber record export, 14 January 2026, line 203.0.113.45.\n');
  const recordControlNumber = `sha256:${createHash('sha256').update(record).digest('hex')}`;

  it('FR officer logs in and composes an ISP-subscriber request, validated as typed', async () => {
    const login = await x.open(x.nodeUrl('FR'));
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
    // A file, uploaded to FR's node at once and listed with its control number; removable before filing.
    const fileInput = page.locator('input[type=file]');
    await fileInput.setInputFiles({ name: 'scratch.txt', mimeType: 'text/plain', buffer: Buffer.from('not meant to be sent\n') });
    await page.getByRole('button', { name: 'Remove scratch.txt' }).click();
    await fileInput.setInputFiles({ name: 'test-purchase-report.txt', mimeType: 'text/plain', buffer: report });
    await page.getByText(reportControlNumber).waitFor();
    expect(await page.getByTestId('attachment').count()).toBe(1);
    await page.getByText('The request is complete and covered by the agreement.').waitFor();
    await expectAccessible(page, 'compose with an attachment');
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
    await page.getByText('Approved: request CYB-2026-0042 is sealed and sent.').waitFor();
  });

  it('DE officer takes the request and answers it with a typed finding', async () => {
    const page = await logIn('DE', 'de.officer');
    await page.getByRole('link', { name: 'Incoming', exact: true }).click();
    // The list refreshes itself (every 10 s) until the hub has delivered the request to DE.
    const link = page.getByRole('link', { name: 'Subscriber behind an IP address' });
    await link.first().waitFor({ timeout: 90_000 });
    await link.first().click();
    await page.getByRole('heading', { name: /FR-CYBERDOUANE/ }).waitFor();
    // FR's file, listed with its control number; the download is those very bytes.
    await page.getByText(reportControlNumber).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download test-purchase-report.txt' }).click()]);
    expect(download.suggestedFilename()).toBe('test-purchase-report.txt');
    expect(Buffer.compare(readFileSync((await download.path())!), report)).toBe(0);
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('Assigned.').waitFor();
    await choose(page, 'finding-0-evaluation-source', 'A');
    await choose(page, 'finding-0-evaluation-information', '1');
    await choose(page, 'finding-0-handlingCode', 'H0');
    await page.locator('#finding-0-subscriberName').fill('Jane Example');
    await page.locator('#finding-0-address').fill('1 Example Street, 10115 Berlin');
    await page.locator('#finding-0-accountOpenedOn').fill('2021-06-01');
    // The answer's own file, uploaded to DE's node at once and listed with its control number.
    await page.locator('input[type=file]').setInputFiles({ name: 'subscriber-record.txt', mimeType: 'text/plain', buffer: record });
    await page.getByText(recordControlNumber).waitFor();
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
    // DE's file came with the answer, sealed to FR: the same bytes under the same control number.
    await page.getByTestId('answer').getByText(recordControlNumber).waitFor();
    const [answered] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download subscriber-record.txt' }).click()]);
    expect(Buffer.compare(readFileSync((await answered.path())!), record)).toBe(0);
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
    expect(x.cspViolations).toEqual([]);
  });
});
