import { Inject, Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { API_PATH, pageCsp, WebBundle } from './web-ui.files';

export const WEB_UI_OPTIONS = Symbol('WEB_UI_OPTIONS');

export interface WebUiOptions {
  /** The directory of the built web app (Vite's outDir). */
  root: string;
}

// Vite names every file under assets/ after a hash of its content: cached for good.
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built single-page app at `/`: its files as they are, and index.html for any other
 * GET that asks for a page (client-side routes such as /requests/<id>), with a nonce-based
 * CSP. API paths (/v1, /docs, /health, /.well-known) are never touched, so their 404s stay
 * JSON and their guards run as before.
 */
@Injectable()
export class WebUiMiddleware implements NestMiddleware {
  private readonly logger = new Logger(WebUiMiddleware.name);
  private readonly bundle: WebBundle | undefined;

  constructor(@Inject(WEB_UI_OPTIONS) options: WebUiOptions) {
    this.bundle = WebBundle.load(options.root);
    // Not an error: the API works without its UI (tests, a node run from sources unbuilt).
    if (this.bundle === undefined) this.logger.warn(`no web app in ${options.root} (npm run build makes it): / serves nothing`);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const path = pathOf(req.originalUrl);
    if (this.bundle === undefined || (req.method !== 'GET' && req.method !== 'HEAD') || path === undefined || API_PATH.test(path)) return next();
    const file = this.bundle.file(path);
    if (file !== undefined) {
      res.sendFile(file, { root: this.bundle.root, dotfiles: 'deny', headers: { 'Cache-Control': file.startsWith('assets/') ? IMMUTABLE : 'no-cache' } }, (error) => {
        if (error !== undefined && !res.headersSent) next();
      });
      return;
    }
    // A missing script or image stays a 404; only a page request gets the app.
    if (!req.accepts('html') || /\.[a-z0-9]+$/i.test(path)) return next();
    const { html, nonce } = this.bundle.render();
    res.setHeader('Content-Security-Policy', pageCsp(nonce));
    // The page carries its nonce: it must never be served again from a cache.
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html);
  }
}

/** The decoded path of a request URL, or undefined when it is not valid percent-encoding. */
function pathOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}
