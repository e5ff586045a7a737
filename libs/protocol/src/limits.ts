/**
 * Upper bounds of the wire contract. Every string and array of every schema is bounded so
 * that a hostile message costs a bounded amount of work; the values are generous for
 * real use. They are part of the contract: lowering one is a breaking change.
 */
export const LIMITS = {
  /** Names, references, identifiers chosen by people (holder name, provider, case reference). */
  shortText: 200,
  /** Addresses, one question, an explanation. */
  mediumText: 2_000,
  /** Summary of facts, measure requested, enquiries made, remarks. */
  longText: 20_000,
  /** A refusal's non-personal detail. */
  refusalDetail: 500,
  fileName: 255,
  mediaType: 255,
  /** Attachment size in bytes (1 TiB: attachments travel outside the envelope). */
  attachmentSize: 1_099_511_627_776,
  attachmentsPerRequest: 100,
  attachmentsPerFinding: 50,
  findingsPerAnswer: 200,
  questionsPerAnswer: 50,
  sourcesPerFinding: 100,
  recoveryContacts: 20,
  validationIssuesPerRefusal: 100,
  /** Length of the compact JWE string carried by an envelope (16 MiB of base64url). */
  jweLength: 16 * 1024 * 1024,
  /**
   * Length of one sealed attachment's compact JWE (2^42: base64url of the largest attachment
   * with room for the header). What a hub or node actually takes is its own setting.
   */
  sealedAttachmentLength: 4_398_046_511_104,
  url: 2_048,
  /** Messages in one batch submission (POST /v1/messages/batch). */
  batchMessages: 32,
  /**
   * Characters of compact JWS in one batch submission, all its messages together (96 KiB: the
   * batch stays under the hub's 100 KB JSON body limit). A larger message goes alone, as
   * `application/jose` to POST /v1/messages (up to 1 MiB).
   */
  batchLength: 96 * 1024,
} as const;
