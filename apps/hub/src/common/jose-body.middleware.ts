import { Injectable, type NestMiddleware } from '@nestjs/common';
import { text } from 'express';
import type { NextFunction, Request, Response } from 'express';

/** Largest application/jose request body the hub reads (a compact JWS): 1 MiB. */
export const JOSE_BODY_LIMIT_BYTES = 1024 * 1024;

// Nest's default parsers read JSON and forms only; signed messages and receipts are compact
// JWS text. Bounded like every input: a larger body is refused with 413 before it is buffered.
const parseJoseText = text({ type: 'application/jose', limit: JOSE_BODY_LIMIT_BYTES });

/** Reads an `application/jose` body into req.body as a string; other bodies pass untouched. */
@Injectable()
export class JoseBodyMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    parseJoseText(req, res, next);
  }
}
