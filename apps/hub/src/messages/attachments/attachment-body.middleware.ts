import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { text } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sealedAttachmentMaxLength } from '@cicu/protocol';
import { HUB_CONFIG, type HubConfig } from '../../config/hub-config';
import { AttachmentError } from './attachments.errors';

/**
 * The body of a sealed-attachment upload: application/jose text up to the JWE length of
 * ATTACHMENT_MAX_BYTES, instead of the 1 MiB every other hub route takes (JoseBodyMiddleware
 * runs after this one and leaves a parsed body alone). Larger bodies are refused while they
 * stream in, before they are buffered: 413 ATTACHMENT_TOO_LARGE.
 */
@Injectable()
export class AttachmentBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;

  constructor(@Inject(HUB_CONFIG) config: HubConfig) {
    this.parse = text({ type: 'application/jose', limit: sealedAttachmentMaxLength(config.ATTACHMENT_MAX_BYTES) });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    this.parse(req, res, (error?: unknown) => {
      if ((error as { type?: unknown } | undefined)?.type === 'entity.too.large') {
        next(new AttachmentError('ATTACHMENT_TOO_LARGE', 'the sealed attachment is larger than this hub takes'));
        return;
      }
      next(error);
    });
  }
}
