/**
 * Stable codes of the wire contract. They are part of protocol version 1: values are never
 * renamed or removed within a version; adding one is a contract change (docs/protocol.md).
 */

/** Every kind of signed message, one JWS `typ` each (see jose-profile.ts). */
export const MESSAGE_KINDS = ['request', 'answer', 'hub-receipt', 'delivery-receipt', 'refusal'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The kinds whose JWS payload is an envelope carrying an end-to-end encrypted payload. */
export const ENVELOPE_KINDS = ['request', 'answer'] as const satisfies readonly MessageKind[];
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

/** What a request asks for; also the discriminator of the request subject and the answer findings. */
export const REQUEST_TYPES = [
  'ISP_SUBSCRIBER',
  'EMAIL_ACCOUNT',
  'PLATFORM_ACCOUNT',
  'PAYMENT_ACCOUNT',
  'PHONE_HOLDER',
  'OSINT_BACKGROUND',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Areas of customs competence a request falls under (agreements list the areas they cover). */
export const AREAS = [
  'drugs-precursors',
  'cites',
  'arms',
  'medicines',
  'excise',
  'ipr-counterfeits',
  'customs-value',
  'gambling',
  'other',
] as const;
export type Area = (typeof AREAS)[number];

export const PRIORITIES = ['routine', 'urgent', 'immediate'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * Handling codes, from least to most restrictive:
 * H0 no restriction beyond the legal basis and the agreement;
 * H1 not to be used as evidence in judicial proceedings without the provider's consent;
 * H2 not to be passed on beyond the recipient unit without the provider's consent;
 * H3 other restrictions, stated in `handlingNote` (required with H3).
 */
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];

/** Outcome of an answer; the envelope carries the code so that the hub can track status. */
export const OUTCOMES = ['answered', 'partially-answered', 'refused', 'more-information-needed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Why the answering unit refused (inside the encrypted answer payload, outcome `refused`). */
export const ANSWER_REFUSAL_REASONS = [
  'NO_DATA_HELD',
  'LEGAL_OBSTACLE',
  'OUT_OF_SCOPE',
  'NATIONAL_AUTHORISATION_REQUIRED',
  'OTHER',
] as const;
export type AnswerRefusalReason = (typeof ANSWER_REFUSAL_REASONS)[number];

/** Why the hub (or a receiving node) refused a signed message: the `reason` of a refusal. */
export const REFUSAL_REASONS = [
  'NO_AGREEMENT',
  'TYPE_NOT_COVERED',
  'AREA_NOT_COVERED',
  'LEGAL_BASIS_NOT_COVERED',
  'AGREEMENT_EXPIRED',
  'SENDER_SUSPENDED',
  'RECIPIENT_SUSPENDED',
  'BAD_SIGNATURE',
  'UNKNOWN_KEY',
  'REVOKED_KEY',
  'REPLAY',
  'CLOCK_SKEW',
  'SCHEMA',
  'PERSONAL_DATA_SUSPECTED',
  /** The envelope lists a sealed attachment the sender did not upload to the hub first (or with another digest or size). */
  'ATTACHMENT_MISSING',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** 4x4 evaluation: reliability of the source. A always, B mostly, C not reliable, X cannot be judged. */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'X'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];

/**
 * 4x4 evaluation: assessment of the information. 1 known to be true without reservation,
 * 2 known personally to the source but not to the reporting officer, 3 not known personally
 * to the source but corroborated, 4 cannot be judged.
 */
export const INFORMATION_ASSESSMENT = ['1', '2', '3', '4'] as const;
export type InformationAssessment = (typeof INFORMATION_ASSESSMENT)[number];

export const PLATFORM_KINDS = ['forum', 'chat', 'messenger', 'social-network', 'marketplace'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

export const LINE_KINDS = ['fixed', 'mobile'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const SUBSCRIPTION_KINDS = ['prepaid', 'contract'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];
