/**
 * Test helper: a deep copy of `document` with the member at JSON Pointer `pointer` set to
 * `value`, or removed when `value` is `REMOVE`.
 */
export const REMOVE = Symbol('remove');

export function withChange<T>(document: T, pointer: string, value: unknown): unknown {
  const copy = structuredClone(document) as unknown;
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = tokens.pop();
  if (last === undefined) return value;
  let node = copy as Record<string, unknown>;
  for (const token of tokens) node = node[token] as Record<string, unknown>;
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}
