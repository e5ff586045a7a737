// The wire contract of cicu-exchange, protocol version 1. Pure: no framework, no I/O.

export { PROTOCOL_VERSION, type ProtocolVersion, SCHEMA_BASE_URL, JSON_SCHEMA_DIALECT, schemaId } from './version';
export {
  MESSAGE_KINDS,
  type MessageKind,
  ENVELOPE_KINDS,
  type EnvelopeKind,
  REQUEST_TYPES,
  type RequestType,
  AREAS,
  type Area,
  PRIORITIES,
  type Priority,
  HANDLING_CODES,
  type HandlingCode,
  OUTCOMES,
  type Outcome,
  ANSWER_REFUSAL_REASONS,
  type AnswerRefusalReason,
  REFUSAL_REASONS,
  type RefusalReason,
  SOURCE_RELIABILITY,
  type SourceReliability,
  INFORMATION_ASSESSMENT,
  type InformationAssessment,
  PLATFORM_KINDS,
  type PlatformKind,
  LINE_KINDS,
  type LineKind,
  SUBSCRIPTION_KINDS,
  type SubscriptionKind,
} from './codes';
export { COUNTRY_CODES, type CountryCode } from './countries';
export { LIMITS } from './limits';
export {
  JWS_TYP,
  type JwsTyp,
  JWS_TYPS,
  messageKindForTyp,
  JWS_ALGORITHMS,
  type JwsAlgorithm,
  JWS_HEADER_PARAMETERS,
  JWS_FORBIDDEN_HEADER_PARAMETERS,
  JWE_ALGORITHM,
  JWE_ENCRYPTION,
  JWE_CURVES,
  type JweCurve,
  JWE_HEADER_PARAMETERS,
  JWE_FORBIDDEN_HEADER_PARAMETERS,
} from './jose-profile';
export { UUID_V7_PATTERN, isUuidV7, isLowercaseUuid } from './uuid';
export {
  UTC_TIMESTAMP_PATTERN,
  DATE_PATTERN,
  isUtcTimestamp,
  toEpochMs,
  compareTimes,
  type DueTimes,
  DEFAULT_DUE_TIMES,
  defaultDueAt,
  DEFAULT_MAX_CLOCK_SKEW_MS,
  isWithinClockSkew,
} from './time';
export { isValidIban, isValidPaymentCard, isValidE164 } from './checksums';
export { ProtocolError, PROTOCOL_ERROR_CODES, type ProtocolErrorCode, isProtocolError } from './errors';
export {
  UNIT_ID_PATTERN,
  SHA256_DIGEST_PATTERN,
  REGISTRY_ID_PATTERN,
  COMPACT_JWE_PATTERN,
  COMPACT_JWS_PATTERN,
  E164_PATTERN,
  IBAN_PATTERN,
  CARD_NUMBER_PATTERN,
  ORDER_KEYWORD,
  type OrderRule,
  Period,
  Attachment,
  Evaluation,
} from './primitives';
export { EncryptedPayload, SealedAttachment, RequestEnvelope, AnswerEnvelope, Envelope } from './envelope';
export { attachmentsOfPayload, checkSealedAttachmentCount, sealedAttachmentMaxLength } from './attachments';
export {
  IspSubscriberSubject,
  EmailAccountSubject,
  PlatformAccountSubject,
  PAYMENT_IDENTIFIERS,
  PaymentAccountSubject,
  PhoneHolderSubject,
  OsintPerson,
  OsintCompany,
  OsintBackgroundSubject,
  RequestSubject,
} from './request-subjects';
export { RequestPayload } from './request-payload';
export {
  IspSubscriberFinding,
  EmailAccountFinding,
  PlatformAccountFinding,
  PaymentAccountFinding,
  PhoneHolderFinding,
  OsintSource,
  OsintBackgroundFinding,
  AnswerFinding,
} from './answer-findings';
export { AnswerOutcome, AnswerPayload } from './answer-payload';
export { TreeHeadReference, HubReceipt, DeliveryReceipt } from './receipts';
export { Refusal } from './refusal';
export { ValidationIssueSchema, type ValidationIssue } from './validation-issue';
export { ISSUE_CODES, type IssueCode, MAX_ISSUES } from './issues';
export { CUSTOM_FORMATS, type CustomFormat, createProtocolAjv } from './ajv';
export { SCHEMA_NAMES, type SchemaName, schemaDocument, schemaFileName, renderSchemaFiles } from './schemas';
export {
  type ValidationResult,
  type SignedPayload,
  validateEnvelope,
  validateRequestPayload,
  validateAnswerPayload,
  validateHubReceipt,
  validateDeliveryReceipt,
  validateRefusal,
  validateJwsPayload,
} from './validate';
export { checkRequestConsistency, checkAnswerConsistency } from './consistency';
export { TREE_HEAD_TYP, type TreeHeadPayload, parseTreeHeadPayload, rootHashBytes, rootHashString } from './tree-head';
export { PERSONAL_DATA_KINDS, type PersonalDataKind, type Finding } from './guard/finding';
export { scanForPersonalData, type ScanOptions } from './guard/scan';
export { DEFAULT_PHONE_COUNTRIES, FICTIONAL_PHONE_RANGES, type PhoneCountry } from './guard/phone';
export { KEY_STATES, type KeyState, type KeyTimes, keyStateAt, keyStateRefusal } from './key-validity';
export * from './sharing/index';
