import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

const CHECKED_SOURCES: ReadonlySet<ArgumentMetadata['type']> = new Set(['body', 'query', 'param']);
export const TEXT_ISSUE_MESSAGE = 'must not contain U+0000 or an unpaired UTF-16 surrogate';

/**
 * Refuses, as 400 `VALIDATION`, any request whose body, query or path holds a string (or a
 * member name) with U+0000 or an unpaired surrogate. JSON can carry both (`"\u0000"`,
 * `"\ud800"`), but PostgreSQL stores neither in text or jsonb, RFC 8785 canonical JSON (what
 * every signature covers) has no form for a lone surrogate, and I-JSON (RFC 7493 §2.1) forbids
 * it. Refused here, such input never reaches a statement that would fail with a 500 halfway,
 * nor a signature that could not be made; the same text in a signed message is refused by the
 * protocol's `Text` schema (libs/protocol).
 */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CHECKED_SOURCES.has(metadata.type)) return value;
    const path = illFormedTextPath(value);
    if (path === undefined) return value;
    const where = metadata.type === 'body' ? path : `${metadata.type}${metadata.data === undefined ? '' : `:${metadata.data}`}${path}`;
    throw new BadRequestException({ code: 'VALIDATION', message: `the request's text ${TEXT_ISSUE_MESSAGE}`, issues: [{ path: where, code: 'text', message: TEXT_ISSUE_MESSAGE }] });
  }
}

/** The JSON pointer of the first string or member name that is not well-formed text; undefined when all are. */
export function illFormedTextPath(value: unknown): string | undefined {
  // Iterative: a body nested thousands deep (JSON.parse allows it) must not overflow the stack.
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (!isWellFormedText(item)) return path;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push([item[i], `${path}/${i}`]);
    } else if (typeof item === 'object' && item !== null && !ArrayBuffer.isView(item)) {
      for (const [name, member] of Object.entries(item)) {
        // A bad member name is reported at its object: the name itself is not echoed.
        if (!isWellFormedText(name)) return path;
        pending.push([member, `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
      }
    }
  }
  return undefined;
}

// With the u flag a surrogate pair is one code point, so only an unpaired half matches.
// eslint-disable-next-line no-control-regex -- U+0000 is what it looks for.
const ILL_FORMED = /[\u0000\uD800-\uDFFF]/u;

export function isWellFormedText(text: string): boolean {
  return !ILL_FORMED.test(text);
}

const EVERY_ILL_FORMED = new RegExp(ILL_FORMED.source, 'gu');

/** The text with U+FFFD for each U+0000 and unpaired surrogate: for text the apps derive (not a person's input, which is refused). */
export function storableText(text: string): string {
  return text.replace(EVERY_ILL_FORMED, '\uFFFD');
}
