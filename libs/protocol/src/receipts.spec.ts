import { exampleDeliveryReceipt, exampleHubReceipt, exampleRefusal } from './testing/examples';
import { issuesOf } from './testing/issues';
import { REMOVE, withChange } from './testing/mutate';
import { validateDeliveryReceipt, validateHubReceipt, validateRefusal } from './validate';

describe('validateHubReceipt', () => {
  const receipt = exampleHubReceipt();

  it('accepts a receipt with and without its audit references', () => {
    expect(validateHubReceipt(receipt)).toEqual({ ok: true, value: receipt });
    expect(issuesOf(validateHubReceipt(withChange(withChange(receipt, '/auditLeafIndex', REMOVE), '/treeHead', REMOVE)))).toEqual([]);
  });

  it.each([
    ['a negative leaf index', withChange(receipt, '/auditLeafIndex', -1), [['/auditLeafIndex', 'minimum']]],
    ['a fractional leaf index', withChange(receipt, '/auditLeafIndex', 1.5), [['/auditLeafIndex', 'type']]],
    ['an empty tree', withChange(receipt, '/treeHead/treeSize', 0), [['/treeHead/treeSize', 'minimum']]],
    ['a root hash in base64', withChange(receipt, '/treeHead/rootHash', 'W8KKHk+dLHs6bo8dDJsqfk89bBuKXi99DDtqnh9NfCs='), [['/treeHead/rootHash', 'pattern']]],
    ['the wrong kind', withChange(receipt, '/kind', 'delivery-receipt'), [['/kind', 'const']]],
    ['no digest', withChange(receipt, '/digest', REMOVE), [['/digest', 'required']]],
  ])('refuses %s', (_label, value, expected) => expect(issuesOf(validateHubReceipt(value))).toEqual(expected));
});

describe('validateDeliveryReceipt', () => {
  const receipt = exampleDeliveryReceipt();

  it('accepts a delivery receipt', () => expect(validateDeliveryReceipt(receipt)).toEqual({ ok: true, value: receipt }));

  it.each([
    ['no receiving unit', withChange(receipt, '/by', REMOVE), [['/by', 'required']]],
    ['a receipt time with an offset', withChange(receipt, '/receivedAt', '2025-01-15T10:30:04+01:00'), [['/receivedAt', 'pattern']]],
    ['an extra member', withChange(receipt, '/auditLeafIndex', 3), [['', 'additionalProperties']]],
  ])('refuses %s', (_label, value, expected) => expect(issuesOf(validateDeliveryReceipt(value))).toEqual(expected));
});

describe('validateRefusal', () => {
  const refusal = exampleRefusal();
  const schemaRefusal = { ...refusal, reason: 'SCHEMA', issues: [{ path: '/subject/iban', code: 'format.iban', message: 'must be an IBAN' }] };

  it.each([
    ['a refusal', refusal],
    ['a SCHEMA refusal with its issues', schemaRefusal],
    ['a refusal of a message whose id could not be read', withChange(withChange(schemaRefusal, '/messageId', REMOVE), '/detail', REMOVE)],
  ])('accepts %s', (_label, value) => expect(issuesOf(validateRefusal(value))).toEqual([]));

  it.each([
    ['an unknown reason', withChange(refusal, '/reason', 'TOO_BUSY'), [['/reason', 'enum']]],
    ['issues with another reason than SCHEMA', { ...schemaRefusal, reason: 'REPLAY' }, [['/issues', 'forbidden']]],
    ['an overlong detail', withChange(refusal, '/detail', 'x'.repeat(501)), [['/detail', 'maxLength']]],
    ['an issue with an extra member', withChange(schemaRefusal, '/issues/0/value', 'x'), [['/issues/0', 'additionalProperties']]],
    ['no refusal time', withChange(refusal, '/refusedAt', REMOVE), [['/refusedAt', 'required']]],
  ])('refuses %s', (_label, value, expected) => expect(issuesOf(validateRefusal(value))).toEqual(expected));
});
