import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { HUB_ASSERTION_TYP, type PublicJwk, verifyClientAssertion } from '@cicu/crypto';

export interface InboxHit {
  contentType: string | undefined;
  body: string;
  /** iss of the verified hub assertion. */
  issuer: string;
}

/**
 * A node's inbox played by a real HTTP server: it verifies the hub's assertion (typ
 * cicu-hub-assertion+jwt, aud = this node) against the hub's published JWKS, records what it
 * got, and answers as `respond` says.
 */
export class FakeInbox {
  readonly hits: InboxHit[] = [];
  /** HTTP statuses to answer before behaving normally; 'down' = always 503. */
  failures: number | 'down' = 0;
  private server!: Server;
  url = '';
  nodeId = '';

  constructor(
    private readonly hubJwks: () => PublicJwk[],
    private readonly respond: (hit: InboxHit, res: ServerResponse) => Promise<void>,
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
      const hit = { contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8'), issuer: verified.nodeId };
      this.hits.push(hit);
      if (this.failures === 'down' || this.failures > 0) {
        if (this.failures !== 'down') this.failures -= 1;
        res.writeHead(503).end();
        return;
      }
      await this.respond(hit, res);
    } catch {
      res.writeHead(401).end();
    }
  }
}
