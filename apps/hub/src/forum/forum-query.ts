import { FORUM_CATEGORIES, type ForumCategory, isLowercaseUuid, type ValidationIssue } from '@cicu/protocol';
import { ForumError } from './forum.errors';
import { type Page } from './forum.repository';

const INTEGER = /^(0|[1-9][0-9]{0,6})$/;

/**
 * The query parameters of the forum's read routes, each checked (strings as they come from the
 * URL); every wrong one is listed in one VALIDATION refusal, none echoed. A parameter the
 * route does not read is refused too, as the library's search refuses one: a misspelt `limit`
 * would otherwise be ignored without a word.
 */
export class ForumQuery {
  private readonly issues: ValidationIssue[] = [];
  private readonly read = new Set<string>();

  constructor(private readonly query: Record<string, unknown>) {}

  private value(name: string): unknown {
    this.read.add(name);
    return this.query[name];
  }

  /** The officer a read is for (required on member routes): an officer id of the calling node. */
  officer(): string {
    const value = this.value('officer');
    if (isLowercaseUuid(value)) return value;
    this.issues.push({ path: '/officer', code: 'pattern', message: 'must be the officer id (a lowercase UUID)' });
    return '';
  }

  page(defaults: Page, maxLimit: number): Page {
    return { limit: this.integer('limit', defaults.limit, 1, maxLimit), offset: this.integer('offset', defaults.offset, 0, 1_000_000) };
  }

  category(): ForumCategory | undefined {
    const value = this.value('category');
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (FORUM_CATEGORIES as readonly string[]).includes(value)) return value as ForumCategory;
    this.issues.push({ path: '/category', code: 'enum', message: `must be one of ${FORUM_CATEGORIES.join(', ')}` });
    return undefined;
  }

  flag(name: string): boolean {
    const value = this.value(name);
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    this.issues.push({ path: `/${name}`, code: 'type', message: 'must be true or false' });
    return false;
  }

  /** Throws VALIDATION when any parameter read so far was wrong. */
  done(): void {
    if (Object.keys(this.query).some((name) => !this.read.has(name))) {
      this.issues.push({ path: '', code: 'additionalProperties', message: 'must not have parameters other than those the route defines' });
    }
    if (this.issues.length > 0) throw new ForumError('VALIDATION', 'the query parameters fail validation', this.issues);
  }

  private integer(name: string, fallback: number, minimum: number, maximum: number): number {
    const value = this.value(name);
    if (value === undefined) return fallback;
    const n = typeof value === 'string' && INTEGER.test(value) ? Number(value) : NaN;
    if (n >= minimum && n <= maximum) return n;
    this.issues.push({ path: `/${name}`, code: 'range', message: `must be an integer from ${minimum} to ${maximum}` });
    return fallback;
  }
}

/** A path parameter that must be a forum id. */
export function forumId(value: string, name: string): string {
  if (!isLowercaseUuid(value)) throw new ForumError('VALIDATION', `${name} must be a lowercase UUID`, [{ path: `/${name}`, code: 'pattern', message: 'must be a lowercase UUID' }]);
  return value;
}
