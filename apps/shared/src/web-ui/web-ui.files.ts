import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The placeholder the web build writes wherever a CSP nonce belongs (Vite's `html.cspNonce`:
 * the `<meta property="csp-nonce">` tag and the nonce attributes of the tags it injects). Each
 * response of index.html replaces it with a fresh nonce.
 */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Paths the single-page app never owns: the API, its explorer, health and the JWK Set. */
export const API_PATH = /^\/(?:v1|docs|docs-json|health|\.well-known)(?:\/|$)/;

/**
 * The built web app, read once at start: the list of its files (the only paths served from
 * disk, so no request can name a file outside the build) and index.html.
 */
export class WebBundle {
  private constructor(
    readonly root: string,
    private readonly files: ReadonlySet<string>,
    private readonly indexHtml: string,
  ) {}

  /** The bundle in `root`, or undefined when it holds no index.html (the web app was not built). */
  static load(root: string): WebBundle | undefined {
    const index = join(root, 'index.html');
    if (!existsSync(index)) return undefined;
    const files = new Set<string>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.add(`/${relative(root, full).split(sep).join('/')}`);
      }
    };
    walk(root);
    return new WebBundle(root, files, readFileSync(index, 'utf8'));
  }

  /** The file a URL path names, when the bundle has it (index.html excepted: it is rendered). */
  file(path: string): string | undefined {
    return path !== '/index.html' && this.files.has(path) ? path.slice(1) : undefined;
  }

  /** index.html with a fresh nonce, and that nonce. */
  render(): { html: string; nonce: string } {
    const nonce = randomBytes(18).toString('base64');
    return { html: this.indexHtml.replaceAll(NONCE_PLACEHOLDER, nonce), nonce };
  }
}

/**
 * The Content-Security-Policy of the app's pages. Scripts only from this origin (no inline
 * script, no eval); style elements only with this response's nonce (the component library
 * injects its CSS variables in one); no plug-ins, frames, foreign forms or base URL changes.
 */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
