import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** 2 MiB: a message JWS is a few KiB plus its JWE (at most 1 MiB of ciphertext). */
export const MAX_JOSE_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Reads an `application/jose` body (a compact JWS, ASCII) as a string into req.body; Nest's
 * JSON parser leaves such bodies unread. Too large a body ends the request with 413 before
 * it is buffered whole. Other content types pass through untouched (the controller refuses them).
 */
@Injectable()
export class JoseBodyMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (!isJose(req.headers['content-type'])) {
      next();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > MAX_JOSE_BODY_BYTES) {
        done = true;
        res.status(413).json({ code: 'SCHEMA', message: `the body exceeds ${MAX_JOSE_BODY_BYTES} bytes` });
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      req.body = Buffer.concat(chunks).toString('latin1');
      next();
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      next(error);
    });
  }
}

export function isJose(contentType: unknown): boolean {
  return typeof contentType === 'string' && contentType.split(';', 1)[0]?.trim().toLowerCase() === 'application/jose';
}
