import { type AnswerFinding } from '../answer-findings';
import { type AnswerPayload } from '../answer-payload';
import { type RequestType } from '../codes';
import { type AnswerEnvelope, type RequestEnvelope } from '../envelope';
import { type DeliveryReceipt, type HubReceipt } from '../receipts';
import { type Refusal } from '../refusal';
import { type RequestPayload } from '../request-payload';
import { type RequestSubject } from '../request-subjects';

/**
 * Valid example documents: test factories for this library and the apps, and the worked
 * example of docs/protocol.md. Not exported from the package index (import by path).
 * Every value is fictitious: documentation IP ranges, example.org, test card numbers.
 */

export const EXAMPLE_REQUEST_ID = '01936b2e-8c4a-7d3e-9f12-3456789abcde';
export const EXAMPLE_ANSWER_ID = '01937a10-2b5c-7e41-8a33-0f1e2d3c4b5a';

/** A compact JWE of the right shape (its ciphertext is random bytes, not a real encryption). */
export const EXAMPLE_JWE =
  'eyJhbGciOiJFQ0RILUVTK0EyNTZLVyIsImVuYyI6IkEyNTZHQ00iLCJraWQiOiJOemJMc1hoOHVEQ2NkLTZNTndYRjRXXzdub1dYRlpBZkhreFpzUkdDOVhzIiwiZXBrIjp7Imt0eSI6Ik9LUCIsImNydiI6IlgyNTUxOSIsIngiOiJaZW1jVDUySE8waXdNZEJJblJFbjgzUlZSYlI4RHczd25DWGI2SWhTTVdNIn19' +
  '.MLwQsR2RZE67Y69RtR7HGSyR4MiQikzh5UX6iqSS-3_uwHukgdslmw' +
  '.ClawCmg3tNmotisF' +
  '.JOuzP1jWDLq5i2F4SsEGtw7EKISpyBBMCNUC7b3gPMy89jt-8nADn3w4IBMINcjmDbkziyHO0u1ViTaT_7HwrtHVPB-toB73SalK5jN-OiFSOX2qkIPoEAi5VCGpQiLd' +
  '.koUAc178DU6Bdya_8Lqu0A';
/** sha256 of the ASCII bytes of EXAMPLE_JWE (checked by examples.spec.ts). */
export const EXAMPLE_JWE_DIGEST = 'sha256:aa4b992190ae40111c38d586b9af4297d5fe92cbcfa202901b6a3c379dd2657d';
/** Control number of the 19 bytes "example attachment\n". */
export const EXAMPLE_CONTROL_NUMBER = 'sha256:c6f99070b85f56bac44ea8a4f52d2d92540ea395ec8fcba3cc3824ca2c418c08';

export const EXAMPLE_SUBJECTS = {
  ISP_SUBSCRIBER: { type: 'ISP_SUBSCRIBER', ip: '203.0.113.45', sourcePort: 51234, timestamp: '2025-01-14T21:03:17Z', provider: 'Example Telecom' },
  EMAIL_ACCOUNT: {
    type: 'EMAIL_ACCOUNT',
    address: 'seller-4711@example.org',
    provider: 'Example Mail',
    period: { from: '2024-10-01T00:00:00Z', to: '2025-01-15T00:00:00Z' },
  },
  PLATFORM_ACCOUNT: {
    type: 'PLATFORM_ACCOUNT',
    platformKind: 'marketplace',
    platform: 'Example Market',
    handle: 'pharma_direct_24',
    profileUrl: 'https://market.example.org/u/pharma_direct_24',
    period: { from: '2024-11-01T00:00:00Z', to: '2025-01-15T00:00:00Z' },
  },
  PAYMENT_ACCOUNT: {
    type: 'PAYMENT_ACCOUNT',
    iban: 'DE89370400440532013000',
    institution: 'Example Bank AG',
    period: { from: '2024-09-01T00:00:00Z', to: '2024-12-31T23:59:59Z' },
  },
  PHONE_HOLDER: { type: 'PHONE_HOLDER', number: '+33612345678', lineKind: 'mobile', date: '2025-01-10' },
  OSINT_BACKGROUND: { type: 'OSINT_BACKGROUND', company: { name: 'Example Trading GmbH', registrationNumber: 'HRB 12345', country: 'DE' } },
} as const satisfies { [T in RequestType]: Extract<RequestSubject, { type: T }> };

export const EXAMPLE_FINDINGS = {
  ISP_SUBSCRIBER: { type: 'ISP_SUBSCRIBER', subscriberName: 'Jane Example', address: '1 Example Street, 10115 Berlin', accountOpenedOn: '2021-06-01' },
  EMAIL_ACCOUNT: {
    type: 'EMAIL_ACCOUNT',
    holderName: 'Jane Example',
    recoveryEmails: ['jane.backup@example.org'],
    recoveryPhones: ['+4915112345678'],
    createdOn: '2023-02-11',
    lastLoginIp: '2001:db8::17',
    lastLoginAt: '2025-01-14T20:58:00Z',
  },
  PLATFORM_ACCOUNT: { type: 'PLATFORM_ACCOUNT', holderName: 'Jane Example', email: 'jane@example.org', phone: '+4915112345678', registrationIp: '198.51.100.7', registeredAt: '2024-03-02T10:00:00Z' },
  PAYMENT_ACCOUNT: { type: 'PAYMENT_ACCOUNT', holderName: 'Example Trading GmbH', address: '2 Example Road, 20095 Hamburg', accountOpenedOn: '2022-01-20', institution: 'Example Bank AG' },
  PHONE_HOLDER: { type: 'PHONE_HOLDER', holderName: 'Jean Exemple', address: '3 rue Exemple, 75001 Paris', contractStartOn: '2020-05-05', subscriptionKind: 'prepaid' },
  OSINT_BACKGROUND: {
    type: 'OSINT_BACKGROUND',
    summary: 'Registered 2019, two directors, trades in pharmaceuticals without a wholesale licence.',
    sources: [{ description: 'Commercial register extract', url: 'https://register.example.org/HRB12345', retrievedAt: '2025-01-16T08:00:00Z' }],
  },
} as const;

type Finding<T extends RequestType> = Extract<AnswerFinding, { type: T }>;

export function exampleFinding<T extends RequestType>(type: T): Finding<T> {
  return structuredClone({ ...EXAMPLE_FINDINGS[type], evaluation: { source: 'B', information: '2' }, handlingCode: 'H1' }) as unknown as Finding<T>;
}

export function exampleRequestEnvelope(overrides: Partial<RequestEnvelope> = {}): RequestEnvelope {
  return {
    v: 1,
    id: EXAMPLE_REQUEST_ID,
    kind: 'request',
    from: 'FR-CYBERDOUANE',
    to: 'DE-ZIRE',
    createdAt: '2025-01-15T09:30:00Z',
    requestType: 'ISP_SUBSCRIBER',
    legalBasisId: 'naples-ii-art-10',
    agreementId: 'fr-de-2013',
    area: 'medicines',
    priority: 'urgent',
    dueAt: '2025-01-18T09:30:00Z',
    handlingCode: 'H1',
    payload: { jwe: EXAMPLE_JWE, digest: EXAMPLE_JWE_DIGEST },
    ...overrides,
  };
}

export function exampleAnswerEnvelope(overrides: Partial<AnswerEnvelope> = {}): AnswerEnvelope {
  return {
    v: 1,
    id: EXAMPLE_ANSWER_ID,
    kind: 'answer',
    from: 'DE-ZIRE',
    to: 'FR-CYBERDOUANE',
    createdAt: '2025-01-16T14:00:00Z',
    inReplyTo: EXAMPLE_REQUEST_ID,
    outcome: 'answered',
    payload: { jwe: EXAMPLE_JWE, digest: EXAMPLE_JWE_DIGEST },
    ...overrides,
  };
}

/** A request payload consistent with exampleRequestEnvelope() when `type` is ISP_SUBSCRIBER. */
export function exampleRequestPayload<T extends RequestType = 'ISP_SUBSCRIBER'>(type: T = 'ISP_SUBSCRIBER' as T): RequestPayload {
  return {
    nationalReference: 'CYB-2025-0042',
    area: 'medicines',
    legalBasisId: 'naples-ii-art-10',
    agreementId: 'fr-de-2013',
    priority: 'urgent',
    dueAt: '2025-01-18T09:30:00Z',
    handlingCode: 'H1',
    summaryOfFacts: 'A web shop sells prescription-only medicines to buyers in France without authorisation.',
    measureRequested: 'Identify the subscriber and provide the account details held by the provider.',
    enquiriesMade: 'Test purchase on 2025-01-10; domain registration data checked (privacy service).',
    subject: structuredClone(EXAMPLE_SUBJECTS[type]) as RequestSubject,
    attachments: [{ fileName: 'test-purchase-report.pdf', mediaType: 'application/pdf', size: 19, controlNumber: EXAMPLE_CONTROL_NUMBER }],
  };
}

export function exampleAnswerPayload(type: RequestType = 'ISP_SUBSCRIBER'): AnswerPayload {
  return {
    inReplyTo: EXAMPLE_REQUEST_ID,
    outcome: { code: 'answered' },
    findings: [exampleFinding(type)],
  };
}

export function exampleHubReceipt(): HubReceipt {
  return {
    v: 1,
    kind: 'hub-receipt',
    messageId: EXAMPLE_REQUEST_ID,
    digest: EXAMPLE_JWE_DIGEST,
    receivedAt: '2025-01-15T09:30:01.250Z',
    auditLeafIndex: 1041,
    treeHead: { treeSize: 1042, rootHash: 'sha256:5b0c8a1e4f9d2c7b3a6e8f1d0c9b2a7e4f3d6c1b8a5e2f7d0c3b6a9e1f4d7c2b' },
  };
}

export function exampleDeliveryReceipt(): DeliveryReceipt {
  return { v: 1, kind: 'delivery-receipt', messageId: EXAMPLE_REQUEST_ID, digest: EXAMPLE_JWE_DIGEST, receivedAt: '2025-01-15T09:30:04Z', by: 'DE-ZIRE' };
}

export function exampleRefusal(): Refusal {
  return { v: 1, kind: 'refusal', messageId: EXAMPLE_REQUEST_ID, reason: 'AREA_NOT_COVERED', detail: 'The agreement does not cover this area.', refusedAt: '2025-01-15T09:30:01Z' };
}
