import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { HUB_ASSERTION_TYP, type PublicJwk, verifyClientAssertion } from '@cicu/crypto';

export interface InboxHit {
  /** application/jose for a push alone; application/json for each item of a batch (POST <inbox>/batch). */
  contentType: string | undefined;
  body: string;
  /** iss of the verified hub assertion. */
  issuer: string;
}

/** How the inbox answers one JWS: a receipt (200 application/jose), 204, or a refusal status. */
export type InboxReply = { status: 200; receipt: string } | { status: number; code?: string };

/**
 * A node's inbox played by a real HTTP server: it verifies the hub's assertion (typ
 * cicu-hub-assertion+jwt, aud = this node) against the hub's published JWKS, records what it
 * got, one hit per JWS, and answers as `respond` says, at the inbox URL alone or item by item
 * at <inbox>/batch (docs/protocol.md §11). `failures` fail whole calls.
 */
export class FakeInbox {
  readonly hits: InboxHit[] = [];
  /** HTTP statuses to answer before behaving normally; 'down' = always 503. */
  failures: number | 'down' = 0;
  /** While set, calls wait for it after recording their hits (to queue pushes behind one in flight). */
  hold: Promise<void> | undefined;
  /** false: a node of an earlier version, without POST <inbox>/batch (404). */
  servesBatches = true;
  /** Replaces the JSON of batch answers (a node answering badly). */
  batchAnswer: ((results: unknown[]) => string) | undefined;
  private server!: Server;
  url = '';
  nodeId = '';

  constructor(
    private readonly hubJwks: () => PublicJwk[],
    private readonly respond: (hit: InboxHit) => Promise<InboxReply>,
    /** The hub's identity in its assertions (HUB_AUDIENCE). */
    private readonly hubId: string,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/inbox`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const verified = await verifyClientAssertion(
        token,
        (kid) => {
          const key = this.hubJwks().find((k) => k.kid === kid);
          return key && { key, nodeId: this.hubId };
        },
        { audience: this.nodeId, now: new Date(), typ: HUB_ASSERTION_TYP },
      );
      const body = Buffer.concat(chunks).toString('utf8');
      const batch = req.url?.endsWith('/batch') === true;
      if (batch && !this.servesBatches) return void res.writeHead(404).end();
      const hits: InboxHit[] = (batch ? (JSON.parse(body) as { messages: string[] }).messages : [body]).map((jws) => ({ contentType: req.headers['content-type'], body: jws, issuer: verified.nodeId }));
      this.hits.push(...hits);
      await this.hold;
      if (this.failures === 'down' || this.failures > 0) {
        if (this.failures !== 'down') this.failures -= 1;
        res.writeHead(503).end();
        return;
      }
      const replies = await Promise.all(hits.map((hit) => this.respond(hit)));
      if (batch) {
        const results = replies.map((reply) =>
          'receipt' in reply ? { outcome: 'stored', receipt: reply.receipt } : reply.status === 204 ? { outcome: 'recorded' } : { outcome: 'refused', status: reply.status, code: reply.code ?? 'SCHEMA', message: 'refused' },
        );
        res.writeHead(200, { 'content-type': 'application/json' }).end(this.batchAnswer?.(results) ?? JSON.stringify({ results }));
        return;
      }
      const [reply] = replies as [InboxReply];
      if ('receipt' in reply) res.writeHead(200, { 'content-type': 'application/jose' }).end(reply.receipt);
      else res.writeHead(reply.status).end();
    } catch {
      res.writeHead(401).end();
    }
  }
}
