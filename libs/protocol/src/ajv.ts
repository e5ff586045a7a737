import { type SchemaValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isValidE164, isValidIban, isValidPaymentCard } from './checksums';
import { ORDER_KEYWORD, type OrderRule } from './primitives';
import { compareTimes } from './time';

/**
 * The custom formats of the contract. In JSON Schema 2020-12 `format` is an annotation by
 * default; this protocol asserts every format it uses, the standard ones and these.
 */
export const CUSTOM_FORMATS = {
  iban: isValidIban,
  'payment-card': isValidPaymentCard,
  e164: isValidE164,
} as const satisfies Record<string, (value: string) => boolean>;
export type CustomFormat = keyof typeof CUSTOM_FORMATS;

const validateOrder: SchemaValidateFunction = (rule: OrderRule, data: Record<string, unknown>): boolean => {
  const earlier = Object.hasOwn(data, rule.earlier) ? data[rule.earlier] : undefined;
  const later = Object.hasOwn(data, rule.later) ? data[rule.later] : undefined;
  if (typeof earlier !== 'string' || typeof later !== 'string') return true;
  // Malformed times are reported by their own format and pattern; ordering has nothing to add.
  const order = compareTimes(earlier, later);
  if (order === undefined || order < 0 || (order === 0 && rule.allowEqual)) return true;
  validateOrder.errors = [{ keyword: ORDER_KEYWORD, params: { ...rule }, message: 'is out of order' }];
  return false;
};

/**
 * A new ajv instance (JSON Schema 2020-12, all errors, strict) that knows the formats and
 * keywords of the protocol. The validators of this library use one, created lazily; apps
 * need one only to compile the published schema files themselves.
 */
export function createProtocolAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  for (const [name, validate] of Object.entries(CUSTOM_FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  ajv.addKeyword({
    keyword: ORDER_KEYWORD,
    type: 'object',
    schemaType: 'object',
    metaSchema: {
      type: 'object',
      properties: { earlier: { type: 'string' }, later: { type: 'string' }, allowEqual: { type: 'boolean' } },
      required: ['earlier', 'later', 'allowEqual'],
      additionalProperties: false,
    },
    errors: true,
    validate: validateOrder,
  });
  return ajv;
}
