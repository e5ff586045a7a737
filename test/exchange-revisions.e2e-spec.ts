import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { v7 } from 'uuid';
import { HUB_ASSERTION_TYP, signJws } from '@cicu/crypto';
import { JWS_TYP } from '@cicu/protocol';
import { KeyringService } from '@cicu/shared';
import { DirectoryService } from '../apps/hub/src/directory/directory.service';
import { DeliveryProcessor } from '../apps/hub/src/messages/delivery/delivery.processor';
import { NodeDirectoryService } from '../apps/node/src/directory/node-directory.service';
import { DE, Exchange, FR, waitFor } from './support/exchange';
import { nodeKeys } from './support/factories';
import { sql } from './support/sql';

jest.setTimeout(60_000);

const ascii = (text: string) => new TextEncoder().encode(text);

describe('the sender checks delivery receipts; returned drafts are edited; answers asking for more are followed up', () => {
  let x: Exchange;

  beforeAll(async () => {
    x = await Exchange.start({ label: 'revisions' });
  }, 120_000);

  afterAll(async () => {
    await x?.close();
  });

  describe('delivery receipts at the sender (FR)', () => {
    /** What the hub does when it forwards a receipt: POST it to FR's inbox with a hub assertion. */
    async function forward(receiptJws: string) {
      const assertion = await x.apps.hub!.get(KeyringService).createAssertion({ iss: x.audience, aud: x.nodeIds[FR], typ: HUB_ASSERTION_TYP, ttlSeconds: 30 });
      return request(x.apps[FR]!.getHttpServer()).post('/v1/inbox').set('Content-Type', 'application/jose').set('Authorization', `Bearer ${assertion}`).send(receiptJws);
    }
    const signedBy = (app: INestApplication, receipt: Record<string, unknown>) => app.get(KeyringService).sign(receipt, JWS_TYP['delivery-receipt']);
    const storedReceipts = (id: string) => sql(x.dbs[FR].url, 'SELECT jws FROM sent_receipt WHERE message_id = $1', [id]);

    it('refuses forged receipts (wrong digest, wrong signer, another message, another unit), keeps the status, then takes the real one', async () => {
      // Deliveries wait while the hub's delivery worker is paused: FR's request stays submitted.
      const worker = x.apps.hub!.get(DeliveryProcessor).worker;
      await worker.pause(true);
      let id: string;
      try {
        id = await x.draftAndApprove('ISP_SUBSCRIBER');
        await waitFor('FR submitted', async () => ((await x.frRequest(id)).status === 'submitted' ? true : undefined));
        const [{ jws }] = (await sql<{ jws: string }>(x.dbs[FR].url, 'SELECT jws FROM outgoing_request WHERE id = $1', [id])) as [{ jws: string }];
        const digest = (JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')) as { payload: { digest: string } }).payload.digest;
        const genuine = { v: 1, kind: 'delivery-receipt', messageId: id, digest, receivedAt: new Date().toISOString(), by: DE };

        // A third unit's node, enrolled in the directory FR holds.
        const at = await nodeKeys();
        await x.apps.hub!.get(DirectoryService).registerNode('AT-CICU', 'http://127.0.0.1:9/v1/inbox', at.jwks);
        await x.apps[FR]!.get(NodeDirectoryService).refresh();
        const signedByAt = (receipt: Record<string, unknown>) => signJws(ascii(JSON.stringify(receipt)), at.sig.privateJwk, { alg: 'EdDSA', kid: at.sig.kid, typ: JWS_TYP['delivery-receipt'] });
        const stranger = await nodeKeys();

        const deReceipt = await signedBy(x.apps[DE]!, genuine);
        const [h, p] = deReceipt.split('.');
        const forgeries: [string, string, number, string][] = [
          ['wrong digest', await signedBy(x.apps[DE]!, { ...genuine, digest: `sha256:${'0'.repeat(64)}` }), 422, 'RECEIPT_MISMATCH'],
          ['another message', await signedBy(x.apps[DE]!, { ...genuine, messageId: v7() }), 422, 'RECEIPT_MISMATCH'],
          ['signed by the sender itself for DE', await signedBy(x.apps[FR]!, genuine), 422, 'UNKNOWN_KEY'],
          ['signed by another unit\'s node for DE', await signedByAt(genuine), 422, 'UNKNOWN_KEY'],
          ['by another unit than the recipient', await signedByAt({ ...genuine, by: 'AT-CICU' }), 422, 'RECEIPT_MISMATCH'],
          ['signed by a key in no directory', await signJws(ascii(JSON.stringify(genuine)), stranger.sig.privateJwk, { alg: 'EdDSA', kid: stranger.sig.kid, typ: JWS_TYP['delivery-receipt'] }), 422, 'UNKNOWN_KEY'],
          ['a signature that does not verify', `${h}.${p}.${Buffer.alloc(64).toString('base64url')}`, 422, 'BAD_SIGNATURE'],
        ];
        for (const [what, forged, status, code] of forgeries) {
          const res = await forward(forged);
          expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
        }
        expect(await storedReceipts(id)).toEqual([]);
        expect(await x.frRequest(id)).toMatchObject({ status: 'submitted', deliveredAt: null, deliveryReceipt: null });
      } finally {
        await worker.resume();
      }

      // The hub delivers; DE's own receipt reaches FR: stored, request delivered.
      const delivered = await waitFor('FR delivered', async () => {
        const body = await x.frRequest(id);
        return body.status === 'delivered' ? body : undefined;
      });
      expect(delivered.deliveryReceipt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(await storedReceipts(id)).toEqual([{ jws: delivered.deliveryReceipt }]);
    });
  });
});
