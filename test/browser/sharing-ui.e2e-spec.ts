import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import { BrowserFederation } from './support/browser-federation';

// The library and the forum of the officers' web app in Debian's Chromium against a real hub
// and two real nodes (support/browser-federation.ts). FR's officer publishes a document whose
// text holds an e-mail address: the hub's guard refuses it, the screen lists the finding
// (kind, masked excerpt), the officer marks it not personal with a justification and publishes.
// DE's officer finds it by search (highlighted snippet), opens it and downloads it, checked
// against its control number; DE opens a forum thread, FR replies quoting it (through the guard
// step too), and DE, who follows the thread, sees the notification and marks it read. Every
// screen is checked with axe-core and must raise no Content-Security-Policy violation.
jest.setTimeout(300_000);

const TEXT =
  'Vendors move between darknet marketplaces and keep their customers by publishing a contact on each shop page, ' +
  'for example sales.desk@vendor-shop.pl, so that buyers follow them when a marketplace closes.';
const FILE = Buffer.from(TEXT, 'utf8');
const CONTROL_NUMBER = `sha256:${createHash('sha256').update(FILE).digest('hex')}`;
const TITLE = 'Vendor contact patterns on darknet shops';
const JUSTIFICATION = 'Role address printed on the shop page itself, not a person\'s address.';

describe('the library and the forum in the officers\' web app (hub + FR + DE processes)', () => {
  let x: BrowserFederation;

  beforeAll(async () => {
    x = await BrowserFederation.start({ label: 'sharing_ui', apps: ['node'] });
  }, 300_000);

  afterAll(async () => {
    await x?.stop();
  });

  const logIn = (node: 'FR' | 'DE', username: string) => x.logIn(x.nodeUrl(node), username, 'Dashboard');
  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true }).click();

  // Paths of the app: the same document or thread at either node.
  let documentPath: string;
  let threadPath: string;
  const pathOf = (page: Page) => new URL(page.url()).pathname;

  it('FR officer uploads a document with an e-mail address: the guard\'s finding is shown, overridden with a justification, and the document published', async () => {
    const page = await logIn('FR', 'fr.officer');
    await nav(page, 'Library');
    await page.getByRole('link', { name: 'Publish a document' }).click();
    await page.getByRole('heading', { name: 'Publish a document' }).waitFor();
    await page.locator('#upload-title').fill(TITLE);
    await page.locator('#upload-summary').fill('How vendors keep their buyers when a marketplace closes.');
    await x.choose(page, 'upload-category', 'Modus operandi');
    // A MultiSelect opens from its pill box (its input field is underneath).
    await page.locator('.mantine-MultiSelect-input', { has: page.locator('#upload-areas') }).click();
    await page.getByRole('option', { name: 'Medicines', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.locator('#upload-tags').fill('darknet');
    await page.keyboard.press('Enter');
    await page.locator('input[type="file"]').setInputFiles({ name: 'vendor-contacts.txt', mimeType: 'text/plain', buffer: FILE });
    await page.getByRole('button', { name: 'Publish', exact: true }).click();

    // Refused: the finding, by kind, place and masked excerpt; never the address itself.
    const finding = page.getByTestId('finding-0');
    await finding.waitFor();
    expect(await page.getByTestId('guard-findings').getByRole('row').count()).toBe(2);
    expect(await finding.getByRole('cell').nth(0).textContent()).toBe('E-mail address');
    expect(await finding.getByRole('cell').nth(1).textContent()).toBe('Text of the file');
    expect(await finding.getByRole('cell').nth(2).textContent()).toMatch(/^s\*+@\*+\.pl$/);
    expect(await page.locator('body').textContent()).not.toContain('sales.desk');
    const resubmit = page.getByRole('button', { name: 'Submit again with these justifications' });
    expect(await resubmit.isDisabled()).toBe(true);
    await page.getByLabel('This is not personal data').check();
    await page.locator('#upload-finding-0-justification').fill(JUSTIFICATION);
    await x.expectAccessible(page, 'library upload with findings');
    await x.shoot(page, 'library-upload-findings');

    await resubmit.click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByText('Published in the library.').waitFor();
    documentPath = pathOf(page);
    expect(documentPath).toMatch(/\/library\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('version-1').getByTestId('control-number').textContent()).toBe(CONTROL_NUMBER);
    // The author's unit may add a version.
    await page.getByRole('heading', { name: 'New version' }).waitFor();
    await x.expectAccessible(page, 'library document (author)');
  });

  it('DE officer finds it by search with the matched words highlighted, opens it and downloads it', async () => {
    const page = await logIn('DE', 'de.officer');
    await nav(page, 'Library');
    await page.locator('#library-q').fill('marketplace closes');
    await x.choose(page, 'library-category', 'Modus operandi');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    // The page lists the library before the search: the hit of the search is the one with a snippet.
    const hit = page.getByTestId('search-hit').filter({ hasText: TITLE }).filter({ has: page.getByTestId('snippet') });
    await hit.locator('mark').first().waitFor();
    expect(await page.getByTestId('search-total').textContent()).toBe('1 document found');
    // Text nodes and the hub's highlights only: no other element comes out of a snippet.
    const marks = await hit.getByTestId('snippet').locator('mark').allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['marketplace']));
    expect(await hit.getByTestId('snippet').locator('*:not(mark):not(span)').count()).toBe(0);
    expect(await hit.textContent()).toContain('FR-CYBERDOUANE');
    await x.expectAccessible(page, 'library search');
    await x.shoot(page, 'library-search');

    // A filter that excludes it.
    await x.choose(page, 'library-category', 'Training');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('0 documents found').waitFor();
    await x.choose(page, 'library-category', 'Modus operandi');
    await page.getByRole('button', { name: 'Search', exact: true }).click();

    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(pathOf(page)).toBe(documentPath);
    expect(await page.getByTestId('version-1').getByTestId('control-number').textContent()).toBe(CONTROL_NUMBER);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download version 1 (vendor-contacts.txt)' }).click()]);
    expect(download.suggestedFilename()).toBe('vendor-contacts.txt');
    expect(readFileSync((await download.path())!)).toEqual(FILE);
    // Another unit's document: no new version offered.
    expect(await page.getByRole('heading', { name: 'New version' }).count()).toBe(0);
    await x.expectAccessible(page, 'library document');

    // The same screen in French and German.
    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('columnheader', { name: 'Numéro de contrôle (SHA-256)' }).waitFor();
    await page.getByText('DE', { exact: true }).click();
    await page.getByRole('columnheader', { name: 'Kontrollnummer (SHA-256)' }).waitFor();
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('columnheader', { name: 'Control number (SHA-256)' }).waitFor();
  });

  it('DE officer opens a forum thread: the Markdown is shown as the hub\'s sanitised HTML, raw HTML as text', async () => {
    const page = await logIn('DE', 'de.officer');
    await nav(page, 'Forum');
    await page.getByRole('button', { name: 'New thread' }).click();
    await x.choose(page, 'thread-category', 'Modus operandi');
    await page.locator('#thread-title').fill('Vendors moving between marketplaces');
    await page.locator('#thread-body').fill('We see the **same vendors** again after each closure.\n\n<img src=x onerror=alert(1)>');
    await x.expectAccessible(page, 'forum with the new thread form');
    await page.getByRole('button', { name: 'Open the thread' }).click();
    await page.getByRole('heading', { name: 'Vendors moving between marketplaces' }).waitFor();
    threadPath = pathOf(page);
    expect(threadPath).toMatch(/\/forum\/threads\/[0-9a-f-]{36}$/);
    const html = page.getByTestId('post-1').getByTestId('post-html');
    expect(await html.locator('strong').textContent()).toBe('same vendors');
    expect(await html.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await html.locator('img').count()).toBe(0);
    // The author follows their thread.
    await page.getByRole('button', { name: 'Stop following' }).waitFor();

    await nav(page, 'Forum');
    await page.getByRole('link', { name: 'Modus operandi', exact: true }).click();
    await page.getByRole('link', { name: 'Vendors moving between marketplaces' }).waitFor();
    await x.expectAccessible(page, 'forum thread list');
  });

  it('FR officer replies quoting the opening post, through the guard step; DE sees the notification and marks it read', async () => {
    const page = await logIn('FR', 'fr.officer');
    await page.goto(x.nodeUrl('FR') + threadPath);
    await page.getByRole('heading', { name: 'Vendors moving between marketplaces' }).waitFor();
    await page.getByRole('button', { name: 'Quote post #1' }).click();
    await page.getByTestId('reply-quote').getByText('We see the **same vendors** again after each closure.').waitFor();
    await page.locator('#reply-body').fill('Same here: their shops list sales.desk@vendor-shop.pl as the contact.');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    const finding = page.getByTestId('finding-0');
    await finding.waitFor();
    expect(await finding.getByRole('cell').nth(0).textContent()).toBe('E-mail address');
    expect(await finding.getByRole('cell').nth(1).textContent()).toBe('Text of the post');
    expect(await finding.getByRole('cell').nth(2).textContent()).toMatch(/^s\*+@\*+\.pl$/);
    await page.getByLabel('This is not personal data').check();
    await page.locator('#reply-finding-0-justification').fill(JUSTIFICATION);
    await page.getByRole('button', { name: 'Submit again with these justifications' }).click();
    await page.getByText('Reply posted.').waitFor();
    const second = page.getByTestId('post-2');
    await second.waitFor();
    expect(await second.getByTestId('quote').textContent()).toContain('We see the **same vendors** again after each closure.');
    expect(await second.textContent()).toContain('FR-CYBERDOUANE');
    await page.getByRole('button', { name: 'Stop following' }).waitFor();
    await x.expectAccessible(page, 'forum thread');
    await x.shoot(page, 'forum-thread');

    const de = await logIn('DE', 'de.officer');
    await nav(de, 'Notifications');
    await de.getByRole('heading', { name: 'Notifications' }).waitFor();
    // The hub fans notifications out in a job; the page refreshes itself every 10 s.
    const notification = de.getByTestId('notification').filter({ hasText: 'Vendors moving between marketplaces' });
    await notification.waitFor({ timeout: 60_000 });
    expect(await notification.getAttribute('data-read')).toBe('false');
    expect(await notification.textContent()).toContain('#2 by');
    await de.getByText('1 unread notification').waitFor();
    await x.expectAccessible(de, 'notifications');
    await notification.getByRole('button', { name: /^Mark read/ }).click();
    await de.getByText('0 unread notifications').waitFor();
    expect(await notification.getAttribute('data-read')).toBe('true');

    // Unfollowing the thread, then following it again.
    await de.goto(x.nodeUrl('DE') + threadPath);
    await de.getByRole('button', { name: 'Stop following' }).click();
    await de.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    await de.getByRole('button', { name: 'Follow', exact: true }).click();
    await de.getByRole('button', { name: 'Stop following' }).waitFor();
  });

  it('a thread longer than a page: 50 posts a page, the next page shows the rest, a reply goes to the last page', async () => {
    // 48 more replies through FR's node API (the thread has 2 posts): 50, one full page.
    const login = await fetch(`${x.nodeUrl('FR')}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'fr.officer', password: x.password('fr.officer') }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const threadId = threadPath.split('/').pop()!;
    for (let n = 3; n <= 50; n += 1) {
      const posted = await fetch(`${x.nodeUrl('FR')}/v1/forum/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ threadId, body: `Observation number ${n} on the vendors.`, documents: [], overrides: [] }),
      });
      expect(posted.status).toBe(201);
    }
    const page = await logIn('FR', 'fr.officer');
    await page.goto(x.nodeUrl('FR') + threadPath);
    await page.getByTestId('post-50').waitFor();
    // Exactly one page: no page navigation yet.
    expect(await page.getByRole('navigation', { name: 'Pages of posts' }).count()).toBe(0);
    await page.locator('#reply-body').fill('Observation number 51, the first of the second page.');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.getByText('Reply posted.').waitFor();
    // The reply is post 51, on page 2, where the officer now is.
    await page.getByTestId('post-51').waitFor();
    const pages = page.getByRole('navigation', { name: 'Pages of posts' });
    expect(await pages.getByTestId('page-of').textContent()).toBe('Page 2 of 2');
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    expect(await page.getByTestId('post-1').count()).toBe(0);
    await x.expectAccessible(page, 'forum thread, second page');
    await pages.getByRole('button', { name: 'Previous page' }).click();
    await page.getByTestId('post-1').waitFor();
    expect(await page.getByTestId('post-51').count()).toBe(0);
    expect(await pages.getByTestId('page-of').textContent()).toBe('Page 1 of 2');
  });

  it('raised no Content-Security-Policy violation on any screen', () => {
    expect(x.cspViolations).toEqual([]);
  });
});
