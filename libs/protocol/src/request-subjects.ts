import { Type, type Static } from '@sinclair/typebox';
import { LINE_KINDS, PLATFORM_KINDS } from './codes';
import { LIMITS } from './limits';
import {
  AtLeastOneOf,
  CalendarDate,
  CARD_NUMBER_PATTERN,
  CountryCode,
  Discriminated,
  Email,
  ExactlyOneOf,
  HttpUrl,
  IBAN_PATTERN,
  IpAddress,
  Obj,
  Period,
  PhoneNumber,
  Port,
  StringEnum,
  Text,
  UtcTimestamp,
} from './primitives';

/**
 * The subject of a request: who or what the requesting unit wants identified, one shape
 * per request type, told apart by `type`.
 */

const name = Text(LIMITS.shortText);

/** Subscriber behind an IP address at an instant. */
export const IspSubscriberSubject = Obj({
  type: Type.Literal('ISP_SUBSCRIBER'),
  ip: IpAddress,
  /** Needed behind carrier-grade NAT, where many subscribers share one address. */
  sourcePort: Type.Optional(Port),
  timestamp: UtcTimestamp,
  provider: Type.Optional(name),
});
export type IspSubscriberSubject = Static<typeof IspSubscriberSubject>;

export const EmailAccountSubject = Obj({
  type: Type.Literal('EMAIL_ACCOUNT'),
  address: Email,
  provider: Type.Optional(name),
  period: Period,
});
export type EmailAccountSubject = Static<typeof EmailAccountSubject>;

/** Account on a forum, chat, messenger, social network or marketplace: a handle, a profile URL, or both. */
export const PlatformAccountSubject = Obj(
  {
    type: Type.Literal('PLATFORM_ACCOUNT'),
    platformKind: StringEnum(PLATFORM_KINDS),
    platform: name,
    handle: Type.Optional(name),
    profileUrl: Type.Optional(HttpUrl),
    period: Period,
  },
  AtLeastOneOf(['handle', 'profileUrl']),
);
export type PlatformAccountSubject = Static<typeof PlatformAccountSubject>;

export const PAYMENT_IDENTIFIERS = ['iban', 'cardNumber', 'eMoneyAccountId', 'transferReference'] as const;

/** Bank or card account, e-money (PayPal-type) account, or a money transfer: exactly one identifier. */
export const PaymentAccountSubject = Obj(
  {
    type: Type.Literal('PAYMENT_ACCOUNT'),
    /** Electronic form: upper case, no spaces; format `iban` checks mod-97. */
    iban: Type.Optional(Type.String({ format: 'iban', pattern: IBAN_PATTERN, maxLength: 34 })),
    /** Digits only; format `payment-card` checks the Luhn digit. */
    cardNumber: Type.Optional(Type.String({ format: 'payment-card', pattern: CARD_NUMBER_PATTERN, maxLength: 19 })),
    eMoneyAccountId: Type.Optional(name),
    transferReference: Type.Optional(name),
    institution: name,
    period: Period,
  },
  ExactlyOneOf(PAYMENT_IDENTIFIERS),
);
export type PaymentAccountSubject = Static<typeof PaymentAccountSubject>;

/** Holder of a fixed or mobile number at a date, or over a period (exactly one of the two). */
export const PhoneHolderSubject = Obj(
  {
    type: Type.Literal('PHONE_HOLDER'),
    number: PhoneNumber,
    lineKind: StringEnum(LINE_KINDS),
    date: Type.Optional(CalendarDate),
    period: Type.Optional(Period),
  },
  ExactlyOneOf(['date', 'period']),
);
export type PhoneHolderSubject = Static<typeof PhoneHolderSubject>;

export const OsintPerson = Obj({
  name,
  dateOfBirth: Type.Optional(CalendarDate),
});
export type OsintPerson = Static<typeof OsintPerson>;

export const OsintCompany = Obj({
  name,
  registrationNumber: Type.Optional(name),
  country: CountryCode,
});
export type OsintCompany = Static<typeof OsintCompany>;

/** Background research in open sources on a person or a company (exactly one). */
export const OsintBackgroundSubject = Obj(
  {
    type: Type.Literal('OSINT_BACKGROUND'),
    person: Type.Optional(OsintPerson),
    company: Type.Optional(OsintCompany),
  },
  ExactlyOneOf(['person', 'company']),
);
export type OsintBackgroundSubject = Static<typeof OsintBackgroundSubject>;

export const RequestSubject = Discriminated('type', [
  IspSubscriberSubject,
  EmailAccountSubject,
  PlatformAccountSubject,
  PaymentAccountSubject,
  PhoneHolderSubject,
  OsintBackgroundSubject,
]);
export type RequestSubject = Static<typeof RequestSubject>;
