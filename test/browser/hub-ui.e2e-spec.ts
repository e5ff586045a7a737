import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Page } from 'playwright-core';
import { createClientAssertion, createKeyProof, type GeneratedKeyPair, KEY_ROTATION_PROOF_TYP } from '@cicu/crypto';
import { exampleRequestPayload } from '../../libs/protocol/src/testing/examples';
import { nodeKeys } from '../support/factories';
import { waitFor } from '../support/wait';
import { BrowserFederation } from './support/browser-federation';

// The coordinators' and auditors' web app on the hub, in Debian's Chromium, against a real hub
// and two real nodes (support/browser-federation.ts). PL-CICU has no process: the hub knows its
// node's keys (a registration at the first start) and an FR–PL agreement (a seed fixture), so
// FR's node can seal a request to it. A coordinator suspends PL, a request from FR to PL is
// refused by the hub with RECIPIENT_SUSPENDED, shown on the request's page in FR's officers' app;
// the coordinator reinstates PL and the next request is accepted. An auditor sees the members
// without any action, and checks in the browser that an audit entry is in the signed log.
// The coordinator amends the FR–DE agreement (a new version), issues an enrolment token (shown
// once), reviews a guard override made at FR's node, hides and restores a forum post, sees
// PL's key rotation as overlapping keys and revokes PL's old signing key.
jest.setTimeout(300_000);

const FR = 'FR-CYBERDOUANE';
const PL = 'PL-CICU';
const DE = 'DE-ZIRE';
const AGREEMENT_FR_DE = 'AGR-FR-DE-CICU';
const AGREEMENT_FR_PL = 'AGR-FR-PL-TEST';
const root = resolve(__dirname, '../..');

/** The demo directory with an FR–PL agreement like the FR–DE one. */
function directoryWithFrPl(dataDir: string): Record<string, string> {
  const seed = JSON.parse(readFileSync(join(root, 'deploy/fixtures/directory.json'), 'utf8')) as { agreements: Record<string, unknown>[] };
  const frDe = seed.agreements.find((a) => a.id === 'AGR-FR-DE-CICU')!;
  seed.agreements.push({
    ...frDe,
    id: AGREEMENT_FR_PL,
    title: 'Test agreement between the French and Polish customs Internet crime units',
    parties: [FR, PL],
    contactPoints: [
      { unitId: FR, function: 'Cyberdou@ne duty desk' },
      { unitId: PL, function: 'PL duty desk' },
    ],
  });
  const file = join(dataDir, 'directory-fr-pl.json');
  writeFileSync(file, JSON.stringify(seed));
  return { DIRECTORY_SEED_FILE: file };
}

describe('the hub\'s web app in a browser (hub + FR + DE processes)', () => {
  let x: BrowserFederation;

  let plSigningKid: string;
  let plSigningKey: GeneratedKeyPair;
  const plNodeId = randomUUID();

  beforeAll(async () => {
    const pl = await nodeKeys();
    plSigningKid = pl.sig.publicJwk.kid;
    plSigningKey = pl.sig;
    x = await BrowserFederation.start({
      label: 'hub_ui',
      apps: ['hub', 'node'],
      hubFixtures: directoryWithFrPl,
      // PL's node: its keys only; nothing listens at its inbox.
      extraNodes: [{ id: plNodeId, unitId: PL, inboxUrl: 'http://127.0.0.1:9/v1/inbox', jwks: pl.jwks }],
      // A message to PL is given up on quickly (its inbox refuses connections): undeliverable.
      // Keys a rotation adds live 20 days, within the 30 days' warning: the hub warns of them.
      appEnv: { hub: { DELIVERY_ATTEMPTS: '2', KEY_VALIDITY_DAYS: '20' } },
    });
  }, 300_000);

  afterAll(async () => {
    await x?.stop();
  });

  const tokens = new Map<string, string>();

  /** An FR officer's call to FR's node API, with a token of their own (one login each). */
  async function frApi(username: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await frCall(username, method, path, body);
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  }

  /** The same call, answered as it is (a JSON body, or a multipart form as FormData). */
  async function frCall(username: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    if (!tokens.has(username)) {
      const login = await fetch(`${x.nodeUrl('FR')}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: x.password(username) }) });
      tokens.set(username, ((await login.json()) as { accessToken: string }).accessToken);
    }
    const accessToken = tokens.get(username)!;
    const form = body instanceof FormData;
    return fetch(`${x.nodeUrl('FR')}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body !== undefined && !form && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: form ? body : JSON.stringify(body) }),
    });
  }

  /** FR's officer files an ISP-subscriber request to PL and FR's supervisor approves it: its id. */
  async function requestToPl(caseReference: string): Promise<string> {
    const example = exampleRequestPayload('ISP_SUBSCRIBER');
    const drafted = await frApi('fr.officer', 'POST', '/v1/requests', {
      partnerUnit: PL,
      agreementId: AGREEMENT_FR_PL,
      legalBasisId: 'NAPLES-II-ART-10',
      requestType: 'ISP_SUBSCRIBER',
      area: 'medicines',
      priority: 'urgent',
      handlingCode: 'H1',
      caseReference,
      summaryOfFacts: example.summaryOfFacts,
      measureRequested: example.measureRequested,
      enquiriesMade: example.enquiriesMade,
      subject: example.subject,
    });
    await frApi('fr.supervisor', 'POST', `/v1/requests/${String(drafted.id)}/approve`, {});
    return String(drafted.id);
  }

  const frStatus = async (id: string) => String((await frApi('fr.officer', 'GET', `/v1/requests/${id}`)).status);
  const unitRow = (page: Page, unitId: string) => page.getByTestId(`unit-${unitId}`);
  const statusOf = (page: Page, unitId: string) => unitRow(page, unitId).getByTestId('unit-status').getAttribute('data-status');

  async function transition(page: Page, action: 'Suspend' | 'Reinstate', unitId: string): Promise<void> {
    await page.getByRole('button', { name: `${action} ${unitId}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await page.getByText(`${unitId} is ${action === 'Suspend' ? 'suspended' : 'reinstated'}.`).waitFor();
  }

  let coordinator: Page;

  it('a coordinator logs in and sees the units with their status', async () => {
    const login = await x.open(x.hubUrl);
    await login.locator('#username').waitFor();
    await x.expectAccessible(login, 'hub login');
    await x.shoot(login, 'hub-login');

    coordinator = await x.logIn(x.hubUrl, 'demo.coordinator', 'Members');
    await unitRow(coordinator, PL).waitFor();
    expect(await statusOf(coordinator, PL)).toBe('active');
    expect(await statusOf(coordinator, FR)).toBe('active');
    await x.expectAccessible(coordinator, 'members (coordinator)');
    await x.shoot(coordinator, 'hub-members');
  });

  it('the coordinator suspends PL, and a request from FR to PL is refused with its reason, shown in FR\'s app', async () => {
    await transition(coordinator, 'Suspend', PL);
    expect(await statusOf(coordinator, PL)).toBe('suspended');
    // A suspended unit is neither suspended again nor left without a way back.
    await expect(unitRow(coordinator, PL).getByRole('button', { name: `Suspend ${PL}` }).count()).resolves.toBe(0);

    const id = await requestToPl('CYB-PL-SUSPENDED');
    await waitFor('the hub\'s refusal at FR', async () => ((await frStatus(id)) === 'rejected_by_hub' ? true : undefined), 60_000);
    const officer = await x.logIn(x.nodeUrl('FR'), 'fr.officer', 'Dashboard');
    await officer.goto(`${x.nodeUrl('FR')}/requests/${id}`);
    const refusal = officer.getByRole('alert').filter({ hasText: 'Refused by the hub' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('RECIPIENT_SUSPENDED');
    expect(await refusal.textContent()).toContain(`unit ${PL} is suspended`);
    await x.expectAccessible(officer, 'request refused by the hub (node)');
    await x.shoot(officer, 'node-request-refused');
  });

  let toPl: string;

  it('the coordinator reinstates PL, and the next request to PL is accepted by the hub', async () => {
    await transition(coordinator, 'Reinstate', PL);
    expect(await statusOf(coordinator, PL)).toBe('active');
    toPl = await requestToPl('CYB-PL-REINSTATED');
    await waitFor('the hub\'s receipt at FR', async () => (['submitted', 'delivered'].includes(await frStatus(toPl)) ? true : undefined), 60_000);
  });

  it('the coordinator sees the request to PL undeliverable (nothing listens at its inbox) and retries it', async () => {
    await coordinator.getByRole('link', { name: 'Deliveries', exact: true }).click();
    await coordinator.getByRole('heading', { name: 'Deliveries', level: 2 }).waitFor();
    const row = coordinator.getByTestId(`undeliverable-${toPl}`);
    // The page polls every 10 s; two refused pushes take well under a second.
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain(`${FR} → ${PL}`);
    // The per-unit counts are another query of the page, polled on its own: wait for it to catch up.
    await coordinator.getByTestId(`deliveries-${PL}`).getByTestId('undeliverable-count').filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    // FR's node has called the hub (its submissions); PL's never did (it has no process).
    await coordinator.getByTestId(`node-health-${plNodeId}`).getByTestId('last-seen').and(coordinator.locator('[data-seen="false"]')).waitFor();
    expect(await coordinator.locator('[data-testid^="node-health-"]', { hasText: FR }).getByTestId('last-seen').getAttribute('data-seen')).toBe('true');
    // FR's node reports the directory version it holds (current or, right after the suspension above, behind); PL's never reported one.
    expect(await coordinator.locator('[data-testid^="node-health-"]', { hasText: FR }).getByTestId('directory-version').locator('[data-behind]').textContent()).toMatch(/^v\d+, (current|behind v\d+)$/);
    expect(await coordinator.getByTestId(`node-health-${plNodeId}`).getByTestId('directory-version').textContent()).toBe('not reported yet');
    await x.expectAccessible(coordinator, 'deliveries (coordinator)');
    await x.shoot(coordinator, 'hub-deliveries');
    await row.getByRole('button', { name: `Retry the delivery of ${toPl}` }).click();
    await coordinator.getByText(`Message ${toPl} is queued again for delivery.`).waitFor();
    await coordinator.getByRole('link', { name: 'Members', exact: true }).click();
  });

  let auditor: Page;

  it('an auditor sees the members without any action', async () => {
    auditor = await x.logIn(x.hubUrl, 'demo.auditor', 'Members');
    await unitRow(auditor, PL).waitFor();
    expect(await statusOf(auditor, PL)).toBe('active');
    await auditor.getByText('Auditors see them read-only.').waitFor();
    expect(await auditor.getByRole('button', { name: /^(Suspend|Reinstate|Retire)/ }).count()).toBe(0);
    expect(await auditor.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
    // The hub, not only the page, refuses the auditor: the route is the coordinator's.
    const refused = await auditor.evaluate(`(async () => {
      const { accessToken } = JSON.parse(sessionStorage.getItem('cicu.session'));
      const response = await fetch('/v1/admin/units/${PL}/suspend', { method: 'POST', headers: { authorization: 'Bearer ' + accessToken } });
      return [response.status, (await response.json()).code];
    })()`);
    expect(refused).toEqual([403, 'FORBIDDEN']);
    await x.expectAccessible(auditor, 'members (auditor)');

    await auditor.getByRole('link', { name: 'Deliveries', exact: true }).click();
    await auditor.getByTestId(`deliveries-${PL}`).waitFor();
    expect(await auditor.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
  });

  it('the auditor checks in the browser that the suspension is in the signed log: verified; a forged proof is not', async () => {
    await auditor.getByRole('link', { name: 'Audit log', exact: true }).click();
    await auditor.getByRole('heading', { name: 'Audit log', level: 2 }).waitFor();
    await auditor.getByRole('button', { name: 'Sign a tree head now' }).click();
    await auditor.getByTestId('tree-head-signature').and(auditor.locator('[data-verified="true"]')).waitFor();
    const suspension = auditor.locator('tr', { hasText: 'membership.unit-status-changed' }).last();
    await suspension.waitFor();
    const index = Number((await suspension.getAttribute('data-testid'))!.replace('audit-entry-', ''));
    expect(Number.isSafeInteger(index)).toBe(true);

    await auditor.locator('#leaf-index').fill(String(index));
    await auditor.getByRole('button', { name: 'Check', exact: true }).first().click();
    const result = auditor.getByTestId('inclusion-result');
    await result.waitFor();
    expect(await result.getAttribute('data-verified')).toBe('true');
    expect(await result.textContent()).toContain(`Entry ${index} (membership.unit-status-changed)`);
    await x.expectAccessible(auditor, 'audit log with a verified inclusion');
    await x.shoot(auditor, 'hub-audit');

    // The verdict is the browser's: one altered hash of the hub's audit path, and it says no.
    await auditor.route('**/v1/audit/proofs/inclusion*', async (route) => {
      const response = await route.fetch();
      const proof = (await response.json()) as { proof: string[] };
      const first = proof.proof[0]!;
      proof.proof[0] = `${first[0] === '0' ? '1' : '0'}${first.slice(1)}`;
      await route.fulfill({ response, json: proof });
    });
    await auditor.getByRole('button', { name: 'Check', exact: true }).first().click();
    await auditor.getByTestId('inclusion-result').and(auditor.locator('[data-verified="false"]')).waitFor();
    expect(await auditor.getByTestId('inclusion-result').textContent()).toContain('does not lead to the signed root');
    await auditor.unroute('**/v1/audit/proofs/inclusion*');
  });

  it('the coordinator issues an enrolment token for DE and sees it once', async () => {
    await coordinator.getByRole('button', { name: `Issue an enrolment token for ${DE}` }).click();
    const dialog = coordinator.getByRole('dialog');
    const token = dialog.getByTestId('enrollment-token');
    await token.waitFor();
    const shown = (await token.textContent())!;
    expect(shown).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await dialog.getByRole('button', { name: 'Copy the token' }).waitFor();
    await x.expectAccessible(coordinator, 'enrolment token');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Gone with the dialog: the hub keeps only its hash, the page nothing.
    expect(await coordinator.getByTestId('enrollment-token').count()).toBe(0);
    expect(await coordinator.content()).not.toContain(shown);
  });

  it('the coordinator amends the FR-DE agreement: a field the hub refuses is marked, then version 2 is listed', async () => {
    await coordinator.getByRole('link', { name: 'Agreements', exact: true }).click();
    await coordinator.getByRole('heading', { name: 'Agreements', level: 2 }).waitFor();
    expect(await coordinator.getByTestId(`agreement-${AGREEMENT_FR_DE}`).textContent()).toContain(`${DE}, ${FR}`);
    await x.expectAccessible(coordinator, 'agreements (coordinator)');
    await x.shoot(coordinator, 'hub-agreements');
    await coordinator.getByRole('link', { name: AGREEMENT_FR_DE, exact: true }).click();
    await coordinator.getByTestId('version-1').waitFor();

    await coordinator.getByRole('button', { name: 'Amend', exact: true }).click();
    const dialog = coordinator.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Agreement between Cyberdou@ne and ZIRE, amended');
    await dialog.getByLabel('Routine', { exact: true }).fill('thirty days');
    await dialog.getByRole('button', { name: 'Record the new version' }).click();
    await dialog.getByText('Some fields need correcting.').waitFor();
    expect(await dialog.getByLabel('Routine', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await x.expectAccessible(coordinator, 'agreement amendment with a field in error');

    await dialog.getByLabel('Routine', { exact: true }).fill('P30D');
    await dialog.getByRole('button', { name: 'Record the new version' }).click();
    await dialog.waitFor({ state: 'detached' });
    const v2 = coordinator.getByTestId('version-2');
    await v2.waitFor();
    expect(await v2.textContent()).toContain('Agreement between Cyberdou@ne and ZIRE, amended');
    await coordinator.getByRole('heading', { name: 'Agreement between Cyberdou@ne and ZIRE, amended', level: 2 }).waitFor();
    await x.expectAccessible(coordinator, 'agreement with its versions');
    await x.shoot(coordinator, 'hub-agreement');
  });

  it('the coordinator creates a legal basis (an identifier the hub refuses is marked first) and ends it', async () => {
    await coordinator.getByRole('link', { name: 'All agreements' }).click();
    await coordinator.getByRole('button', { name: 'New legal basis' }).click();
    const dialog = coordinator.getByRole('dialog');
    const id = dialog.getByLabel('Identifier');
    await id.fill('not an id');
    await dialog.getByLabel('Instrument').fill('Naples II Convention');
    await dialog.getByLabel('Article').fill('Art. 9');
    await dialog.getByLabel('Title', { exact: false }).fill('Spontaneous information');
    await dialog.getByLabel('Official reference').fill('OJ C 24, 23.1.1998, p. 2');
    await dialog.getByLabel('Open-source background').check();
    await dialog.getByRole('button', { name: 'Create the legal basis' }).click();
    await dialog.getByText('Some fields need correcting.').waitFor();
    expect(await id.getAttribute('aria-invalid')).toBe('true');
    await id.fill('NAPLES-II-ART-9');
    await dialog.getByRole('button', { name: 'Create the legal basis' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = coordinator.getByTestId('legal-basis-NAPLES-II-ART-9');
    await row.waitFor();
    expect(await row.textContent()).toContain('– open');

    await row.getByRole('button', { name: 'End legal basis NAPLES-II-ART-9' }).click();
    const end = coordinator.getByRole('dialog');
    const lastDay = await end.getByLabel('In force until').inputValue();
    await end.getByRole('button', { name: 'End', exact: true }).click();
    await end.waitFor({ state: 'detached' });
    await coordinator.getByTestId('legal-basis-NAPLES-II-ART-9').filter({ hasText: `– ${lastDay}` }).waitFor();
  });

  let threadId: string;

  it('the coordinator sees a library guard override made at FR\'s node, and hides then restores a forum post', async () => {
    // FR's officer publishes a note holding an e-mail address, refused by the guard, then marks
    // the finding not personal data with a justification: a guard override.
    const title = 'Shop contact patterns (browser test)';
    const justification = 'The shop\'s generic sales address, printed on every listing; no person behind it.';
    const upload = (overrides?: unknown[]) => {
      const form = new FormData();
      form.set('document', JSON.stringify({ title, summary: 'Contact addresses vendors print on their pages.', category: 'trend', areas: ['medicines'], language: 'en', tags: [], visibility: { scope: 'members' } }));
      if (overrides !== undefined) form.set('overrides', JSON.stringify(overrides));
      form.set('file', new Blob(['Vendor contact found on the shop page: kontakt@apteka24.pl (see screenshot).'], { type: 'text/plain' }), 'contact.txt');
      return frCall('fr.officer', 'POST', '/v1/library/documents', form);
    };
    const refused = await upload();
    const refusal = (await refused.json()) as { code: string; findings: { location: string; kind: string; start: number; end: number }[] };
    expect([refused.status, refusal.code]).toEqual([422, 'PERSONAL_DATA_SUSPECTED']);
    const [finding] = refusal.findings;
    expect((await upload([{ location: finding!.location, kind: finding!.kind, start: finding!.start, end: finding!.end, justification }])).status).toBe(201);

    const thread = await frApi('fr.officer', 'POST', '/v1/forum/threads', { category: 'trends', title: 'Vendors moving shops (browser test)', body: 'Several vendors moved to a new marketplace this week.', documents: [], overrides: [] });
    threadId = String(thread.id);
    const reply = await frApi('fr.officer', 'POST', '/v1/forum/posts', { threadId, body: 'A reply to hide: it names the wrong marketplace.', documents: [], overrides: [] });

    await coordinator.getByRole('link', { name: 'Moderation', exact: true }).click();
    await coordinator.getByRole('heading', { name: 'Moderation', level: 2 }).waitFor();
    const override = coordinator.locator('[data-testid^="library-override-"]', { hasText: title });
    await override.waitFor();
    expect(await override.textContent()).toContain(justification);
    expect(await override.textContent()).toContain('E-mail address');
    expect(await override.textContent()).not.toContain('kontakt@apteka24.pl');
    await x.expectAccessible(coordinator, 'moderation');
    await x.shoot(coordinator, 'hub-moderation');

    await coordinator.getByRole('link', { name: 'Vendors moving shops (browser test)' }).click();
    const post = coordinator.getByTestId('post-2');
    await post.waitFor();
    await post.getByRole('button', { name: 'Hide post #2' }).click();
    const dialog = coordinator.getByRole('dialog');
    await dialog.getByLabel('Reason').selectOption('off-topic');
    await dialog.getByLabel('Note').fill('Wrong marketplace named.');
    await dialog.getByRole('button', { name: 'Hide', exact: true }).click();
    await post.getByTestId('post-hidden').waitFor();
    expect(await post.getByTestId('post-hidden').textContent()).toContain('Off topic');
    // FR's members no longer see it; the hub, not only the page, hid it.
    const seen = (await frApi('fr.officer', 'GET', `/v1/forum/threads/${threadId}`)) as { items: { id: string }[] };
    expect(seen.items.map((p) => p.id)).not.toContain(String(reply.id));
    await x.expectAccessible(coordinator, 'thread with a hidden post');

    await post.getByRole('button', { name: 'Restore post #2' }).click();
    await post.getByTestId('post-hidden').waitFor({ state: 'detached' });
    const again = (await frApi('fr.officer', 'GET', `/v1/forum/threads/${threadId}`)) as { items: { id: string }[] };
    expect(again.items.map((p) => p.id)).toContain(String(reply.id));

    // Locked: FR's officer can no longer reply; unlocked again afterwards.
    await coordinator.getByRole('button', { name: 'Lock the thread Vendors moving shops (browser test)' }).click();
    await coordinator.getByRole('button', { name: 'Unlock the thread Vendors moving shops (browser test)' }).waitFor();
    const refusedReply = await frCall('fr.officer', 'POST', '/v1/forum/posts', { threadId, body: 'Too late?', documents: [], overrides: [] });
    expect(refusedReply.status).toBe(409);
    await coordinator.getByRole('button', { name: 'Unlock the thread Vendors moving shops (browser test)' }).click();
    await coordinator.getByRole('button', { name: 'Lock the thread Vendors moving shops (browser test)' }).waitFor();

    // Auditors have no moderation screen (the hub keeps its routes to coordinators), and read agreements without actions.
    await auditor.getByRole('link', { name: 'Agreements', exact: true }).click();
    await auditor.getByTestId(`agreement-${AGREEMENT_FR_DE}`).waitFor();
    expect(await auditor.getByRole('link', { name: 'Moderation' }).count()).toBe(0);
    expect(await auditor.getByRole('button', { name: /^(New|End)/ }).count()).toBe(0);
    await auditor.getByRole('link', { name: AGREEMENT_FR_DE, exact: true }).click();
    await auditor.getByTestId('version-2').waitFor();
    expect(await auditor.getByRole('button', { name: /^(Amend|End)/ }).count()).toBe(0);
  });

  it('the coordinator pages through the forum overrides (20 a page, newest first): the oldest of 21 is on page 2', async () => {
    // 21 replies, each with a shop address its author marked not personal: 21 more overrides.
    const body = (n: number) => `Shop contact seen on listing ${String(n).padStart(2, '0')}: desk${String(n).padStart(2, '0')}@apteka-shop.pl.`;
    const refused = await frCall('fr.officer', 'POST', '/v1/forum/posts', { threadId, body: body(0), documents: [], overrides: [] });
    const [finding] = ((await refused.json()) as { findings: { location: string; kind: string; start: number; end: number }[] }).findings;
    const override = (n: number) => ({ location: finding!.location, kind: finding!.kind, start: finding!.start, end: finding!.end, justification: `Shop role address number ${n}, printed on the listing.` });
    for (let n = 1; n <= 21; n += 1) {
      await frApi('fr.officer', 'POST', '/v1/forum/posts', { threadId, body: body(n), documents: [], overrides: [override(n)] });
    }
    await coordinator.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Moderation', exact: true }).click();
    await coordinator.getByRole('heading', { name: 'Moderation', level: 2 }).waitFor();
    const overrides = coordinator.locator('[data-testid^="forum-override-"]');
    await overrides.filter({ hasText: 'Shop role address number 21,' }).waitFor();
    expect(await overrides.count()).toBe(20);
    expect(await overrides.filter({ hasText: 'Shop role address number 1,' }).count()).toBe(0);
    const pages = coordinator.getByRole('navigation', { name: 'Pages of forum overrides' });
    expect(await pages.getByTestId('page-of').textContent()).toBe('Page 1 of 2');
    await pages.getByRole('button', { name: 'Next page' }).click();
    await overrides.filter({ hasText: 'Shop role address number 1,' }).waitFor();
    expect(await overrides.count()).toBe(1);
    expect(new URL(coordinator.url()).searchParams.get('forumPage')).toBe('2');
    // The other lists keep their own page.
    expect(await coordinator.getByRole('navigation', { name: 'Pages of library overrides' }).count()).toBe(0);
    await x.expectAccessible(coordinator, 'moderation, second page of forum overrides');

    // The thread has 23 posts now: the coordinator's thread screen shows them on one page of 50.
    await coordinator.goto(`${x.hubUrl}/moderation/threads/${threadId}`);
    await coordinator.getByTestId('post-23').waitFor();
    expect(await coordinator.getByRole('navigation', { name: 'Pages of posts' }).count()).toBe(0);
  });

  it('the coordinator sees PL\'s rotation as overlapping keys, and revokes its old signing key after a confirmation step', async () => {
    // What `npm run node -- rotate-keys` does at PL's node: new keys, signed for by the current one.
    const next = await nodeKeys();
    const aud = 'cicu-hub';
    const proof = await createKeyProof({ typ: KEY_ROTATION_PROOF_TYP, aud, iss: plNodeId, jwks: next.jwks, privateKey: next.sig.privateJwk, kid: next.sig.kid, alg: 'EdDSA', ttlSeconds: 60 });
    const assertion = await createClientAssertion({ iss: plNodeId, aud, privateKey: plSigningKey.privateJwk, kid: plSigningKey.kid, alg: 'EdDSA', ttlSeconds: 30 });
    const rotated = await fetch(`${x.hubUrl}/v1/nodes/me/keys`, { method: 'POST', headers: { authorization: `Bearer ${assertion}`, 'content-type': 'application/json' }, body: JSON.stringify({ proof }) });
    expect(rotated.status).toBe(200);

    await coordinator.getByRole('link', { name: 'Members', exact: true }).click();
    const key = coordinator.getByTestId(`key-${plSigningKid}`);
    await key.waitFor();
    // The page may first show the keys it cached before the rotation, then the hub's answer.
    await key.getByTestId('key-state').and(coordinator.locator('[data-state="retiring"]')).waitFor();
    expect(await key.textContent()).toContain(`Replaced by ${next.sig.kid.slice(0, 16)}`);
    expect(await coordinator.getByTestId(`key-${next.sig.kid}`).getByTestId('key-state').getAttribute('data-state')).toBe('active');
    const warning = coordinator.getByTestId(`key-${next.sig.kid}`).getByTestId('key-warning');
    expect(await warning.getAttribute('data-warning')).toBe('expiring');
    expect(await warning.textContent()).toMatch(/^Expires in (19|20) days: the node should rotate its keys\.$/);
    await key.getByRole('button', { name: `Revoke key ${plSigningKid}` }).click();
    const dialog = coordinator.getByRole('dialog');
    await dialog.getByText(plSigningKid).waitFor();
    await dialog.getByLabel('Reason').selectOption('key-compromise');
    await x.expectAccessible(coordinator, 'key revocation confirmation');
    await dialog.getByRole('button', { name: 'Revoke the key' }).click();
    await dialog.waitFor({ state: 'detached' });
    await key.getByTestId('key-state').and(coordinator.locator('[data-state="revoked"]')).waitFor();
    expect(await key.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    await x.expectAccessible(coordinator, 'members with keys (coordinator)');
    await x.shoot(coordinator, 'hub-members-keys');
  });

  it('raised no Content-Security-Policy violation on any screen', () => {
    expect(x.cspViolations).toEqual([]);
  });
});
