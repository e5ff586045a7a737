/**
 * The events the hub records. Each holds identifiers, codes, digests and times only:
 * **never personal data** (the audit log is read by auditors of every member and kept for
 * years). The union is the single list of what can be audited; issue 5 turns each recorded
 * event into a leaf of an RFC 9162 Merkle tree (the leaf is the RFC 8785 canonical JSON of
 * the stored entry), so the shape below is part of the log's format: change it only by
 * adding event types.
 */
export type AuditActor =
  | { kind: 'hub' }
  | { kind: 'node'; nodeId: string; unitId: string }
  | { kind: 'coordinator'; accountId: string }
  | { kind: 'auditor'; accountId: string };

export type AuditEvent =
  | { type: 'directory.seeded'; actor: AuditActor; version: number; units: number; agreements: number }
  | { type: 'directory.node-registered'; actor: AuditActor; version: number; nodeId: string; unitId: string; kids: string[] }
  | MessageAcceptedEvent
  | MessageRefusedEvent
  /** The recipient's delivery receipt was recorded and the ciphertext deleted. */
  | {
      type: 'message.acknowledged';
      actor: AuditActor;
      messageId: string;
      fromUnit: string;
      toUnit: string;
      /** The message's payload digest, as the receipt states it. */
      digest: string;
      /** `sha256:<hex>` of the receipt's compact JWS (kept in the message row). */
      receiptDigest: string;
      kid: string;
      via: 'push' | 'pull';
    }
  /** Every push attempt failed; the message stays in the recipient's mailbox. */
  | { type: 'message.undeliverable'; actor: AuditActor; messageId: string; fromUnit: string; toUnit: string; attempts: number }
  /** A coordinator gave an undeliverable message a new round of attempts (`attempts`: those made before). */
  | { type: 'message.delivery-retried'; actor: AuditActor; messageId: string; fromUnit: string; toUnit: string; attempts: number }

  | LibraryVersionEvent
  /** The author marked guard findings of a library upload as not personal data (listed for coordinator review). */
  | {
      type: 'library.guard-overridden';
      actor: AuditActor;
      officerId: string;
      documentId: string;
      version: number;
      /** Where and what, never the value: offsets into the text at `location`. */
      findings: { location: string; kind: string; start: number; end: number }[];
      /** `sha256:` of each justification, in the order of `findings`. */
      justificationDigests: string[];
      contentDigest: string;
    }
  | ForumPostEvent
  /** The author marked guard findings of a forum post as not personal data (listed for coordinator review). */
  | {
      type: 'forum.guard-overridden';
      actor: AuditActor;
      officerId: string;
      postId: string;
      revision: number;
      /** Where and what, never the value: offsets into the text at `location`. */
      findings: { location: string; kind: string; start: number; end: number }[];
      /** `sha256:` of each justification, in the order of `findings`. */
      justificationDigests: string[];
      contentDigest: string;
    }
  /** A coordinator hid a post (members no longer see it) or restored it. */
  | { type: 'forum.post-hidden'; actor: AuditActor; threadId: string; postId: string; reason: string; noteDigest?: string }
  | { type: 'forum.post-restored'; actor: AuditActor; threadId: string; postId: string }
  /** A coordinator locked a thread (no reply, no edit) or unlocked it. */
  | { type: 'forum.thread-locked' | 'forum.thread-unlocked'; actor: AuditActor; threadId: string }
  /** A unit's profile in the unit directory, replaced by an officer through the unit's node. */
  | { type: 'unit-directory.profile-updated'; actor: AuditActor; officerId: string; unitId: string; version: number; contentDigest: string; actionDigest: string }
  | AdminAccountEvent
  | DirectoryAdminEvent
  | KeyLifecycleEvent;

/**
 * The coordinator's changes to the directory, each naming the directory version it made and,
 * for edits, the fields it changed (never their values: the directory holds the values).
 */
export type DirectoryAdminEvent =
  | { type: 'membership.member-state-created'; actor: AuditActor; version: number; code: string }
  | { type: 'membership.member-state-updated'; actor: AuditActor; version: number; code: string; fields: string[] }
  | { type: 'membership.unit-created'; actor: AuditActor; version: number; unitId: string }
  | { type: 'membership.unit-updated'; actor: AuditActor; version: number; unitId: string; fields: string[] }
  | { type: 'membership.unit-status-changed'; actor: AuditActor; version: number; unitId: string; transition: 'suspend' | 'reinstate' | 'retire'; from: string; to: string }
  | { type: 'agreements.legal-basis-created'; actor: AuditActor; version: number; legalBasisId: string }
  | { type: 'agreements.legal-basis-updated'; actor: AuditActor; version: number; legalBasisId: string; fields: string[] }
  | { type: 'agreements.legal-basis-ended'; actor: AuditActor; version: number; legalBasisId: string; validTo: string }
  | { type: 'agreements.agreement-created'; actor: AuditActor; version: number; agreementId: string; agreementVersion: number }
  | { type: 'agreements.agreement-amended'; actor: AuditActor; version: number; agreementId: string; agreementVersion: number; fields: string[] }
  | { type: 'agreements.agreement-ended'; actor: AuditActor; version: number; agreementId: string; agreementVersion: number; validTo: string };

/**
 * Coordinators' and auditors' accounts and logins (docs/adr-admin-accounts.md). Accounts are
 * named by id only: usernames, display names and what was typed at a failed login stay out.
 */
export type AdminAccountEvent =
  | { type: 'admin.account-created'; actor: AuditActor; accountId: string; role: 'coordinator' | 'auditor'; via: 'bootstrap' | 'demo-file' | 'api' }
  | { type: 'admin.login'; actor: AuditActor; sessionId: string }
  /** A refused login: `accountId` when the username named an account. */
  | { type: 'admin.login-failed'; actor: AuditActor; reason: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED'; accountId?: string }
  | { type: 'admin.account-locked'; actor: AuditActor; accountId: string; lockedUntil: string; failedLogins: number }
  | { type: 'admin.logout'; actor: AuditActor; sessionId: string }
  /** A session ended by the hub: a refresh token used twice (stolen?) or a password change. */
  | { type: 'admin.session-revoked'; actor: AuditActor; accountId: string; sessionId: string; reason: 'refresh-reuse' | 'password-changed' }
  | { type: 'admin.password-changed'; actor: AuditActor; accountId: string };

/** Node enrolment and key lifecycle (docs/adr-key-lifecycle.md): ids, kids and times, never a token. */
export type KeyLifecycleEvent =
  /** A coordinator issued a one-time enrolment token for a unit (only its id is recorded). */
  | { type: 'enrollment.token-issued'; actor: AuditActor; tokenId: string; unitId: string; expiresAt: string }
  /** A node enrolled itself with a token, pending approval. */
  | { type: 'node.enrolled'; actor: AuditActor; tokenId: string; nodeId: string; unitId: string; kids: string[]; version: number }
  /** A node out of service (no valid signing key) enrolled again with a token and new keys, pending approval; `retired`: its keys retired at once. */
  | { type: 'node.re-enrolled'; actor: AuditActor; tokenId: string; nodeId: string; unitId: string; kids: string[]; retired: string[]; version: number }
  /** A coordinator approved a pending node: it is active and in the directory snapshot. */
  | { type: 'node.approved'; actor: AuditActor; nodeId: string; unitId: string; version: number }
  /** A node registered new keys; the keys they replace stay valid until retiresAt. */
  | { type: 'node.keys-rotated'; actor: AuditActor; nodeId: string; unitId: string; kids: string[]; retiring: { kid: string; retiresAt: string }[]; version: number }
  /** A coordinator revoked a key from effectiveAt on. */
  | { type: 'node.key-revoked'; actor: AuditActor; nodeId: string; unitId: string; kid: string; use: string; effectiveAt: string; reason: string; version: number };

export type AuditEventType = AuditEvent['type'];

/** What is stored and later hashed: the event plus its place and time in the log. */
export type AuditEntry = AuditEvent & { v: 1; index: number; recordedAt: string };

/**
 * A submission the hub accepted: the envelope's routing facts, its digests and the key it was
 * verified with. Never the JWS (its JWE carries the personal data: even encrypted it stays out).
 */
export interface MessageAcceptedEvent {
  type: 'message.accepted';
  actor: AuditActor;
  messageId: string;
  kind: 'request' | 'answer';
  fromUnit: string;
  toUnit: string;
  kid: string;
  /** Requests: the agreement (and version) they were routed under; answers: their request's. */
  agreementId?: string;
  agreementVersion?: number;
  requestType?: string;
  legalBasisId?: string;
  area?: string;
  priority?: string;
  inReplyTo?: string;
  outcome?: string;
  /** The envelope's payload.digest (of the JWE), checked by the hub. */
  digest: string;
  /** `sha256:<hex>` of the whole compact JWS as received. */
  jwsDigest: string;
  /** The digests of the sealed attachments (their JWEs), in the envelope's order; absent without attachments. */
  attachments?: string[];
}

/** A submission the hub refused with one of the protocol's reasons; nothing else was stored. */
export interface MessageRefusedEvent {
  type: 'message.refused';
  actor: AuditActor;
  reason: string;
  /** When the submission carried a readable message id (unverified when the signature failed). */
  messageId?: string;
  /** `sha256:<hex>` of the submitted bytes, so the sender can match the refusal to what it sent. */
  jwsDigest: string;
}

/**
 * A forum post: a new thread with its opening post, a reply, or an edit (a new revision). Ids
 * and digests only: the officer by their node's id for them, the text by the digest the signed
 * action covers, the action by the digest of its JWS.
 */
export interface ForumPostEvent {
  type: 'forum.thread-created' | 'forum.post-created' | 'forum.post-edited';
  actor: AuditActor;
  officerId: string;
  threadId: string;
  postId: string;
  revision: number;
  /** A reply's quoted post. */
  quotedPostId?: string;
  contentDigest: string;
  actionDigest: string;
  overrides: number;
}

/**
 * A library upload: a new document (version 1) or a new version of one. Ids and digests only:
 * the officer by their node's id for them, the file by its control number, the submission by
 * the digest its signed action covers and the digest of that action's JWS.
 */
export interface LibraryVersionEvent {
  type: 'library.document-created' | 'library.version-added';
  actor: AuditActor;
  officerId: string;
  documentId: string;
  version: number;
  controlNumber: string;
  contentDigest: string;
  actionDigest: string;
  overrides: number;
}
