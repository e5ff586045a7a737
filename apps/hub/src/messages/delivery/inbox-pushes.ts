import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { Agent, type Dispatcher, request } from 'undici';
import { HUB_ASSERTION_TYP } from '@cicu/crypto';
import { LIMITS } from '@cicu/protocol';
import { Batcher, KeyringService, schemaChecker } from '@cicu/shared';
import { HUB_CONFIG, type HubConfig } from '../../config/hub-config';
import { type NodeView } from '../../directory/directory.views';
import { DeliveryError } from './delivery.errors';

/** A receipt is a few hundred bytes; anything much larger is not one. */
export const MAX_RECEIPT_BYTES = 16 * 1024;
/** A batch's answer: one receipt or refusal (with at most 100 issues) per item. */
const MAX_BATCH_ANSWER_BYTES = 1024 * 1024;
/** Lifetime of the hub's assertion on a push (the node's replay window). */
const HUB_ASSERTION_TTL_SECONDS = 30;
/** After a node answered 404 or 405 to a batch: how long its pushes go one by one before a batch is tried again. */
export const BATCH_ROUTE_RECHECK_MS = 10 * 60_000;

/** The node serves no <inbox>/batch (it predates batches): its pushes go one by one. */
class NoBatchRoute extends Error {}

/** How a node's inbox took one compact JWS: a 2xx, and the delivery receipt it signed when it sent one back. */
export interface InboxAnswer {
  status: number;
  /** The body of a 2xx answered as application/jose: for a message, the node's delivery receipt (not verified here). */
  receipt?: string;
  contentType?: string;
}

type PushOutcome = InboxAnswer | { failed: unknown };

/** What a node answers to POST /v1/inbox/batch (docs/protocol.md §11); members not listed are ignored. */
const BatchAnswer = Type.Object({
  results: Type.Array(
    Type.Union([
      Type.Object({ outcome: Type.Literal('stored'), receipt: Type.String({ maxLength: MAX_RECEIPT_BYTES }) }),
      Type.Object({ outcome: Type.Literal('recorded') }),
      Type.Object({ outcome: Type.Literal('refused'), status: Type.Integer(), code: Type.String({ maxLength: 64 }) }),
    ]),
    { maxItems: LIMITS.batchMessages },
  ),
});
const checkBatchAnswer = schemaChecker(BatchAnswer);

/**
 * Pushes compact JWS (messages, and delivery receipts for their senders) to the nodes'
 * inboxes with the hub's assertion. The pushes to one node that are asked for while a call
 * to it is in flight go together in the next call (POST <inbox>/batch, within the protocol's
 * batch limits): one assertion, one round trip and one request pipeline at the node for many
 * messages, each with its own outcome (docs/adr-delivery.md). With no load a push goes at once
 * and alone, to the inbox URL itself, as does a message larger than a batch takes, and every
 * push to a node that serves no batch route (404/405) for the next BATCH_ROUTE_RECHECK_MS.
 */
@Injectable()
export class InboxPushes implements OnModuleDestroy {
  /** Keep-alive connections to the nodes' inboxes, closed with the app. */
  private readonly agent = new Agent();
  /** One per node and inbox URL (a re-enrolled node's new URL gets its own). */
  private readonly batchers = new Map<string, Batcher<string, PushOutcome>>();
  /** Inboxes that answered a batch with 404/405, until when they get lone pushes only. */
  private readonly loneUntil = new Map<string, number>();

  constructor(
    private readonly keyring: KeyringService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** The node's 2xx answer to this JWS; throws RECIPIENT_UNAVAILABLE when it did not take it (unreachable, non-2xx, refused). */
  async push(node: NodeView, compactJws: string): Promise<InboxAnswer> {
    if (compactJws.length > LIMITS.batchLength) return this.pushOne(node, compactJws);
    const outcome = await this.batcherOf(node).submit(compactJws);
    if ('failed' in outcome) throw outcome.failed;
    return outcome;
  }

  private batcherOf(node: NodeView): Batcher<string, PushOutcome> {
    const key = `${node.id} ${node.inboxUrl}`;
    let batcher = this.batchers.get(key);
    if (batcher === undefined) {
      // A failed call fails each of its pushes (each job retries), rather than pushing them one by one.
      batcher = new Batcher((items) => this.send(node, key, items), { maxBatch: LIMITS.batchMessages, maxWeight: LIMITS.batchLength, weigh: (jws) => jws.length, failTogether: true });
      this.batchers.set(key, batcher);
    }
    return batcher;
  }

  /** A batch when the node takes them; one call each for a node without the batch route. */
  private async send(node: NodeView, key: string, items: readonly string[]): Promise<PushOutcome[]> {
    if (items.length > 1 && (this.loneUntil.get(key) ?? 0) <= Date.now()) {
      try {
        return await this.pushBatch(node, items);
      } catch (error) {
        if (!(error instanceof NoBatchRoute)) throw error;
        // A node of an earlier version, in a federation that upgrades node by node: these pushes and the next ones go alone.
        this.loneUntil.set(key, Date.now() + BATCH_ROUTE_RECHECK_MS);
      }
    }
    return Promise.all(items.map((jws) => this.pushOne(node, jws).catch((failed: unknown): PushOutcome => ({ failed }))));
  }

  /**
   * POSTs one compact JWS to the node's inbox. undici's request rather than fetch: the same
   * client underneath, without the WHATWG Request/Response/stream objects that cost about 0.2 ms
   * of CPU per push (docs/adr-hub-performance.md). Redirects are not followed (a 3xx is not a receipt).
   */
  private async pushOne(node: NodeView, compactJws: string): Promise<InboxAnswer> {
    const response = await this.post(node, node.inboxUrl, 'application/jose', compactJws);
    const contentType = String(response.headers['content-type'] ?? '');
    if (!/^application\/jose\s*(;|$)/i.test(contentType)) {
      await response.body.dump();
      return { status: response.statusCode, contentType };
    }
    return { status: response.statusCode, contentType, receipt: await readLimited(response.body, MAX_RECEIPT_BYTES) };
  }

  /** POSTs several to <inbox>/batch; the node's answer must hold one outcome per item, in order. */
  private async pushBatch(node: NodeView, items: readonly string[]): Promise<PushOutcome[]> {
    const response = await this.post(node, batchUrlOf(node.inboxUrl), 'application/json', JSON.stringify({ messages: items }), [404, 405]);
    if (response.statusCode === 404 || response.statusCode === 405) {
      await response.body.dump();
      throw new NoBatchRoute();
    }
    const unavailable = (why: string) => new DeliveryError('RECIPIENT_UNAVAILABLE', `node ${node.id}: the answer to a batch ${why}`);
    if (response.statusCode !== 200 || !/^application\/json\s*(;|$)/i.test(String(response.headers['content-type'] ?? ''))) {
      await response.body.dump();
      throw unavailable(`is ${response.statusCode} ${String(response.headers['content-type'] ?? 'with no content type')}, not 200 application/json`);
    }
    let answer: unknown;
    try {
      answer = JSON.parse(await readLimited(response.body, MAX_BATCH_ANSWER_BYTES));
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      throw unavailable('is not JSON');
    }
    const checked = checkBatchAnswer(answer);
    if (!checked.ok) throw unavailable(`is not a batch result (${checked.issues.map((i) => `${i.path} ${i.message}`).join('; ')})`);
    const { results } = checked.value;
    if (results.length !== items.length) throw unavailable(`holds ${results.length} outcomes for ${items.length} items`);
    return results.map((result): PushOutcome => {
      switch (result.outcome) {
        case 'stored':
          return { status: 200, contentType: 'application/jose', receipt: result.receipt };
        case 'recorded':
          return { status: 204 };
        case 'refused':
          return { failed: new DeliveryError('RECIPIENT_UNAVAILABLE', `node ${node.id} answered ${result.status} ${result.code}`) };
      }
    });
  }

  /** A POST with the hub's assertion for that node; unreachable or non-2xx (but the `passed` statuses) throws RECIPIENT_UNAVAILABLE. */
  private async post(node: NodeView, url: string, contentType: string, body: string, passed: readonly number[] = []): Promise<Dispatcher.ResponseData> {
    const assertion = await this.keyring.createAssertion({ iss: this.config.HUB_AUDIENCE, aud: node.id, typ: HUB_ASSERTION_TYP, ttlSeconds: HUB_ASSERTION_TTL_SECONDS });
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${assertion}` },
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.config.DELIVERY_TIMEOUT_MS),
      });
    } catch (cause) {
      throw new DeliveryError('RECIPIENT_UNAVAILABLE', `node ${node.id} unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    if ((response.statusCode < 200 || response.statusCode > 299) && !passed.includes(response.statusCode)) {
      await response.body.dump();
      throw new DeliveryError('RECIPIENT_UNAVAILABLE', `node ${node.id} answered ${response.statusCode}`);
    }
    return response;
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.close();
  }
}

/** A node's batch inbox: its registered inbox URL's path followed by /batch (docs/protocol.md §11). */
export function batchUrlOf(inboxUrl: string): string {
  const url = new URL(inboxUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/batch`;
  return url.toString();
}

/** The response body as text, refusing more than `max` bytes (a node is not trusted to be brief). */
async function readLimited(body: Dispatcher.ResponseData['body'], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > max) {
      body.destroy();
      throw new DeliveryError('RECIPIENT_UNAVAILABLE', `the answer exceeds ${max} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}
