import { KindGuard, Type, type Static, type TProperties } from '@sinclair/typebox';
import { SUBSCRIPTION_KINDS, type RequestType } from './codes';
import { LIMITS } from './limits';
import {
  AtLeastOneOf,
  Attachment,
  CalendarDate,
  Discriminated,
  Email,
  Evaluation,
  HandlingCodeSchema,
  HttpUrl,
  IpAddress,
  Obj,
  PhoneNumber,
  RequiredWhen,
  StringEnum,
  Text,
  UtcTimestamp,
} from './primitives';

/**
 * Findings of an answer, one shape per request type (`type`), each evaluated (4x4), with
 * its own handling code and attachments. When all data members of a finding are optional,
 * at least one must be present: an empty finding says nothing and is refused.
 */

const name = Text(LIMITS.shortText);
const address = Text(LIMITS.mediumText);

function Finding<const T extends RequestType, P extends TProperties>(type: T, data: P) {
  const names = Object.keys(data);
  const allOptional = names.every((key) => KindGuard.IsOptional(data[key]));
  return Obj(
    {
      type: Type.Literal(type),
      ...data,
      evaluation: Evaluation,
      handlingCode: HandlingCodeSchema,
      handlingNote: Type.Optional(Text(LIMITS.mediumText)),
      remarks: Type.Optional(Text(LIMITS.longText)),
      attachments: Type.Optional(Type.Array(Attachment, { maxItems: LIMITS.attachmentsPerFinding })),
    },
    { allOf: [...(allOptional ? [AtLeastOneOf(names)] : []), RequiredWhen('handlingCode', 'H3', ['handlingNote'])] },
  );
}

export const IspSubscriberFinding = Finding('ISP_SUBSCRIBER', {
  subscriberName: Type.Optional(name),
  address: Type.Optional(address),
  accountOpenedOn: Type.Optional(CalendarDate),
});
export type IspSubscriberFinding = Static<typeof IspSubscriberFinding>;

export const EmailAccountFinding = Finding('EMAIL_ACCOUNT', {
  holderName: Type.Optional(name),
  recoveryEmails: Type.Optional(Type.Array(Email, { maxItems: LIMITS.recoveryContacts })),
  recoveryPhones: Type.Optional(Type.Array(PhoneNumber, { maxItems: LIMITS.recoveryContacts })),
  createdOn: Type.Optional(CalendarDate),
  lastLoginIp: Type.Optional(IpAddress),
  lastLoginAt: Type.Optional(UtcTimestamp),
});
export type EmailAccountFinding = Static<typeof EmailAccountFinding>;

export const PlatformAccountFinding = Finding('PLATFORM_ACCOUNT', {
  holderName: Type.Optional(name),
  email: Type.Optional(Email),
  phone: Type.Optional(PhoneNumber),
  registrationIp: Type.Optional(IpAddress),
  registeredAt: Type.Optional(UtcTimestamp),
});
export type PlatformAccountFinding = Static<typeof PlatformAccountFinding>;

export const PaymentAccountFinding = Finding('PAYMENT_ACCOUNT', {
  holderName: Type.Optional(name),
  address: Type.Optional(address),
  accountOpenedOn: Type.Optional(CalendarDate),
  institution: Type.Optional(name),
});
export type PaymentAccountFinding = Static<typeof PaymentAccountFinding>;

export const PhoneHolderFinding = Finding('PHONE_HOLDER', {
  holderName: Type.Optional(name),
  address: Type.Optional(address),
  contractStartOn: Type.Optional(CalendarDate),
  subscriptionKind: Type.Optional(StringEnum(SUBSCRIPTION_KINDS)),
});
export type PhoneHolderFinding = Static<typeof PhoneHolderFinding>;

export const OsintSource = Obj({
  description: Text(LIMITS.mediumText),
  url: Type.Optional(HttpUrl),
  retrievedAt: Type.Optional(UtcTimestamp),
});
export type OsintSource = Static<typeof OsintSource>;

export const OsintBackgroundFinding = Finding('OSINT_BACKGROUND', {
  summary: Text(LIMITS.longText),
  sources: Type.Array(OsintSource, { minItems: 1, maxItems: LIMITS.sourcesPerFinding }),
});
export type OsintBackgroundFinding = Static<typeof OsintBackgroundFinding>;

export const AnswerFinding = Discriminated('type', [
  IspSubscriberFinding,
  EmailAccountFinding,
  PlatformAccountFinding,
  PaymentAccountFinding,
  PhoneHolderFinding,
  OsintBackgroundFinding,
]);
export type AnswerFinding = Static<typeof AnswerFinding>;
