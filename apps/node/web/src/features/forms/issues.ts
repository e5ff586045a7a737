import type { ValidationIssue } from '../../api/client';

/**
 * The protocol's issues (JSON Pointers into the validated payload) by form field. `fieldOf`
 * maps a payload pointer to the pointer of the field that edits it, or undefined when the
 * form has no such field; those issues are kept under '' and shown with the form.
 */
export function issuesByField(issues: readonly ValidationIssue[], fieldOf: (pointer: string) => string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path) ?? '';
    (out[field] ??= []).push(issue.message);
  }
  return out;
}

/** A field mapping for a payload member edited by fields of its own: `/subject/ip` → `/ip` with prefix `/subject`. */
export function below(prefix: string, known: readonly string[]): (pointer: string) => string | undefined {
  return (pointer) => {
    if (pointer !== prefix && !pointer.startsWith(`${prefix}/`)) return undefined;
    const rest = pointer.slice(prefix.length);
    if (rest === '') return prefix;
    // The deepest known field at or above the pointer (an issue about /period names the group).
    for (let at = rest; at !== ''; at = at.slice(0, at.lastIndexOf('/'))) if (known.includes(at)) return `${prefix}${at}`;
    return prefix;
  };
}
