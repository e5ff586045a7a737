import { createHash } from 'node:crypto';
import { exampleRequestPayload } from '../../libs/protocol/src/testing/examples';
import { waitFor } from '../support/wait';
import { BrowserFederation } from './support/browser-federation';

// The officers' web app after a first decision, in Debian's Chromium against a real hub and two
// real nodes: FR's supervisor sends a request back with a comment from the approval queue; its
// author reads the comment, corrects the draft in the compose form (started from what was filed)
// and sends it for approval again. Then DE answers that more information is needed, and FR's
// officer drafts the follow-up from the request's page: the same form, the partner fixed, the
// node linking the two requests.
jest.setTimeout(300_000);

const DE = 'DE-ZIRE';

describe('editing a returned draft and following up an answer, in the officers\' web app (hub + FR + DE processes)', () => {
  let x: BrowserFederation;

  beforeAll(async () => {
    x = await BrowserFederation.start({ label: 'revise_ui', apps: ['node'] });
  }, 300_000);

  afterAll(async () => {
    await x?.stop();
  });

  const tokens = new Map<string, string>();

  /** An officer's call to their node's API (one login each). */
  async function api(node: 'FR' | 'DE', username: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
    if (!tokens.has(username)) {
      const login = await fetch(`${x.nodeUrl(node)}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: x.password(username) }) });
      tokens.set(username, ((await login.json()) as { accessToken: string }).accessToken);
    }
    const response = await fetch(`${x.nodeUrl(node)}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(username)!}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  }

  /** A file uploaded to FR's node (POST /v1/attachments): what a draft lists. */
  async function upload(name: string, bytes: Buffer): Promise<Record<string, unknown>> {
    const form = new FormData();
    form.set('file', new Blob([bytes], { type: 'text/plain' }), name);
    const response = await fetch(`${x.nodeUrl('FR')}/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get('fr.officer')!}` }, body: form });
    if (!response.ok) throw new Error(`upload: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  }

  const example = exampleRequestPayload('ISP_SUBSCRIBER');
  const draftNote = Buffer.from('Screenshot notes of the shop, first version.\n');
  const portLog = Buffer.from('2026-01-14T21:03:17Z 203.0.113.45:51234 -> shop\n');
  let id: string;

  it('FR supervisor sends a request back with a comment from the approval queue', async () => {
    await api('FR', 'fr.officer', 'GET', '/v1/auth/me'); // logs fr.officer in (upload uses the token)
    const note = await upload('shop-notes.txt', draftNote);
    const drafted = await api('FR', 'fr.officer', 'POST', '/v1/requests', {
      partnerUnit: DE,
      agreementId: 'AGR-FR-DE-CICU',
      legalBasisId: 'NAPLES-II-ART-10',
      requestType: 'ISP_SUBSCRIBER',
      area: 'medicines',
      priority: 'urgent',
      handlingCode: 'H1',
      caseReference: 'CYB-2026-0077',
      summaryOfFacts: example.summaryOfFacts,
      measureRequested: 'Identify the subscriber.',
      enquiriesMade: example.enquiriesMade,
      subject: example.subject,
      attachments: [note],
    });
    id = String(drafted.id);

    const page = await x.logIn(x.nodeUrl('FR'), 'fr.supervisor', 'Dashboard');
    await page.getByRole('link', { name: 'Approvals', exact: true }).click();
    await page.getByRole('heading', { name: /CYB-2026-0077/ }).waitFor();
    await page.getByLabel('Comment').fill('Say which time zone the connection time is in.');
    await page.getByRole('button', { name: 'Send back' }).click();
    await waitFor('the return', async () => ((await api('FR', 'fr.officer', 'GET', `/v1/requests/${id}`)).status === 'drafted' ? true : undefined), 30_000);
  });

  it('its author reads the comment, corrects the draft in the compose form and sends it for approval again', async () => {
    const page = await x.logIn(x.nodeUrl('FR'), 'fr.officer', 'Dashboard');
    await page.goto(`${x.nodeUrl('FR')}/requests/${id}`);
    await page.getByText('Say which time zone the connection time is in.').waitFor();
    await page.getByRole('link', { name: 'Edit the draft' }).click();
    await page.getByRole('heading', { name: 'Edit request CYB-2026-0077' }).waitFor();
    // The form starts from what was filed (routing, case and the typed subject), checked once
    // the partners' agreements have arrived.
    await page.getByText('The request is complete and covered by the agreement.').waitFor();
    expect(await page.locator('#compose-partnerUnit').inputValue()).toBe(DE);
    expect(await page.locator('#compose-caseReference').inputValue()).toBe('CYB-2026-0077');
    expect(await page.locator('#compose-measureRequested').inputValue()).toBe('Identify the subscriber.');
    expect(await page.locator('#subject-ip').inputValue()).toBe((example.subject as { ip: string }).ip);
    await x.expectAccessible(page, 'edit a returned draft');

    // The draft's file is listed; the officer removes it (the notes were a first version).
    await page.getByText(`sha256:${createHash('sha256').update(draftNote).digest('hex')}`).waitFor();
    await page.getByRole('button', { name: 'Remove shop-notes.txt' }).click();
    expect(await page.getByTestId('attachment').count()).toBe(0);
    await page.locator('#compose-measureRequested').fill('Identify the subscriber; the connection time is in UTC.');
    await page.getByText('The request is complete and covered by the agreement.').waitFor();
    await page.getByRole('button', { name: 'Send for approval again' }).click();
    await page.getByText('Draft corrected; it awaits a supervisor\'s approval again.').waitFor();
    await page.getByText('Awaiting approval').first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/requests/${id}`);
    const stored = await api('FR', 'fr.officer', 'GET', `/v1/requests/${id}`);
    expect(stored).toMatchObject({ status: 'awaiting_approval', payload: { measureRequested: 'Identify the subscriber; the connection time is in UTC.', subject: example.subject } });
    expect((stored.payload as Record<string, unknown>)['attachments']).toBeUndefined();

    // Awaiting approval, it is no longer editable: no button, and the edit page says why.
    expect(await page.getByRole('link', { name: 'Edit the draft' }).count()).toBe(0);
    await page.goto(`${x.nodeUrl('FR')}/requests/${id}/edit`);
    await page.getByText('only while it is a draft a supervisor sent back').waitFor();
  });

  it('after DE asks for more information, FR\'s officer drafts the follow-up from the request\'s page', async () => {
    await api('FR', 'fr.supervisor', 'POST', `/v1/requests/${id}/approve`, {});
    await waitFor('DE to receive it', async () => ((await api('DE', 'de.officer', 'GET', '/v1/incoming')) as unknown as { id: string }[]).some((r) => r.id === id) || undefined, 90_000);
    await api('DE', 'de.officer', 'POST', `/v1/incoming/${id}/answer`, { outcome: { code: 'more-information-needed', questions: ['Which port number?'] } });
    await waitFor('the answer at FR', async () => ((await api('FR', 'fr.officer', 'GET', `/v1/requests/${id}`)).status === 'more_information_needed' ? true : undefined), 90_000);

    const page = await x.logIn(x.nodeUrl('FR'), 'fr.officer', 'Dashboard');
    await page.goto(`${x.nodeUrl('FR')}/requests/${id}`);
    await page.getByRole('link', { name: 'Follow up with more information' }).click();
    await page.getByRole('heading', { name: 'Follow-up to request CYB-2026-0077' }).waitFor();
    await page.getByText('The request is complete and covered by the agreement.').waitFor();
    // The partner stays DE's: the step is shown, not offered.
    expect(await page.locator('#compose-partnerUnit').inputValue()).toBe(DE);
    expect(await page.locator('#compose-partnerUnit').isDisabled()).toBe(true);
    expect(await page.getByTestId('attachment').count()).toBe(0);
    await page.locator('#compose-enquiriesMade').fill('The source port was 51234.');
    await page.locator('input[type=file]').setInputFiles({ name: 'port-log.txt', mimeType: 'text/plain', buffer: portLog });
    await page.getByText(`sha256:${createHash('sha256').update(portLog).digest('hex')}`).waitFor();
    await page.getByText('The request is complete and covered by the agreement.').waitFor();
    await x.expectAccessible(page, 'follow-up');
    await page.getByRole('button', { name: 'File the request' }).click();
    await page.getByText('Follows up request').waitFor();
    const followUpId = new URL(page.url()).pathname.split('/').pop()!;
    expect(followUpId).not.toBe(id);
    const created = await api('FR', 'fr.officer', 'GET', `/v1/requests/${followUpId}`);
    expect(created).toMatchObject({
      followsUp: id,
      partnerUnit: DE,
      status: 'awaiting_approval',
      payload: { enquiriesMade: `Follow-up to request ${id}.\n\nThe source port was 51234.`, subject: example.subject, attachments: [{ fileName: 'port-log.txt', size: portLog.length }] },
    });
    await page.getByRole('link', { name: id }).click();
    await page.getByRole('heading', { name: 'Request CYB-2026-0077' }).first().waitFor();
  });

  it('raised no Content-Security-Policy violation on any screen', () => {
    expect(x.cspViolations).toEqual([]);
  });
});
