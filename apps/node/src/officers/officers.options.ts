export const OFFICERS_OPTIONS = Symbol('OFFICERS_OPTIONS');

export interface OfficersOptions {
  /** DEMO_OFFICERS_FILE: officers to create at start when the node has none. */
  demoOfficersFile?: string | undefined;
}
