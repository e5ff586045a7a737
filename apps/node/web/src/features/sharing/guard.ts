import { isApiError } from '@cicu/web/api';

/** One finding of the hub's personal-data guard, as a PERSONAL_DATA_SUSPECTED refusal lists it. */
export interface GuardFinding {
  location: string;
  kind: string;
  start: number;
  end: number;
  /** The masked shape of what was found (never the value). */
  excerpt: string;
}

/** The author's statement that one finding is not personal data (the protocol's PersonalDataOverride). */
export interface GuardOverride {
  location: string;
  kind: string;
  start: number;
  end: number;
  justification: string;
}

/** What the officer decided about one finding. */
export interface FindingDecision {
  notPersonal: boolean;
  justification: string;
}

/** The protocol's bounds of a justification (PersonalDataOverride). */
export const JUSTIFICATION = { min: 10, max: 2_000 } as const;

/** A finding names its text exactly: location, kind and offsets. */
export const findingKey = (f: Pick<GuardFinding, 'location' | 'kind' | 'start' | 'end'>): string => `${f.location}:${f.kind}:${f.start}-${f.end}`;

/**
 * A finding in one of the submitted justifications: it cannot be overridden (the hub refuses an
 * override of an override), the officer rewords the justification instead.
 */
export const inJustification = (f: GuardFinding): boolean => f.location.startsWith('overrides/');

/** The findings of a PERSONAL_DATA_SUSPECTED refusal; undefined for any other answer. */
export function findingsOf(error: unknown): GuardFinding[] | undefined {
  if (!isApiError(error) || error.code !== 'PERSONAL_DATA_SUSPECTED') return undefined;
  const findings = (error as { findings?: unknown }).findings;
  return Array.isArray(findings) ? (findings as GuardFinding[]) : [];
}

/**
 * The findings to show after a new refusal. A finding already overridden does not come back in
 * the next refusal (the hub accepted its override), so the earlier ones stay listed with the
 * officer's decisions, and those of the justifications are replaced by the latest.
 */
export function mergeFindings(earlier: readonly GuardFinding[], latest: readonly GuardFinding[]): GuardFinding[] {
  const kept = earlier.filter((f) => !inJustification(f));
  const known = new Set(kept.map(findingKey));
  return [...kept, ...latest.filter((f) => !known.has(findingKey(f)))];
}

const justified = (d: FindingDecision | undefined): d is FindingDecision => d !== undefined && d.notPersonal && d.justification.trim().length >= JUSTIFICATION.min && d.justification.length <= JUSTIFICATION.max;

/**
 * The overrides to send with the resubmission, and whether it can go: every finding must be
 * marked not personal with a justification, and none may be in a justification.
 */
export function overridesFor(findings: readonly GuardFinding[], decisions: Readonly<Record<string, FindingDecision>>): { overrides: GuardOverride[]; ready: boolean } {
  const overrides = findings.flatMap((f) => {
    const decision = decisions[findingKey(f)];
    return !inJustification(f) && justified(decision) ? [{ location: f.location, kind: f.kind, start: f.start, end: f.end, justification: decision.justification.trim() }] : [];
  });
  return { overrides, ready: findings.length > 0 && overrides.length === findings.length };
}
