import { controlNumber, encryptJwe, type PublicJwk } from '@cicu/crypto';
import { type Envelope, type ValidationIssue, validateEnvelope } from '@cicu/protocol';
import { type KeyringService } from '@cicu/shared';
import { type SealedCopy } from '../attachments/attachments.service';
import { type NodeDirectoryService } from '../directory/node-directory.service';
import { CaseError } from './cases.errors';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Seals a message's attachments to the key its payload is encrypted to, in order. */
export type AttachmentSealer = (key: PublicJwk & { kid?: string }) => Promise<SealedCopy[]>;

/** A sealed message: the JWS to submit, and the sealed copy of each file its envelope lists, which the caller stores with it. */
export interface SealedMessage {
  jws: string;
  attachments: string[];
}

/**
 * Encrypts `payload` to the partner unit's current encryption key, puts it in the envelope,
 * validates the envelope and signs it (the JWS payload is the envelope's JSON). Done once per
 * message: the stored JWS is what every submission attempt sends. With `sealAttachments`, the
 * files are encrypted to the same key first and the envelope lists their sealed copies; nothing
 * is stored here: the caller keeps the JWS and the copies together, in one transaction.
 */
export async function sealMessage(
  directory: NodeDirectoryService,
  keyring: KeyringService,
  to: string,
  payload: Record<string, unknown>,
  envelope: Omit<Envelope, 'payload'>,
  typ: string,
  sealAttachments?: AttachmentSealer,
): Promise<SealedMessage> {
  const key = directory.encryptionKeyOfUnit(to);
  if (key === undefined) throw new CaseError('NO_ENCRYPTION_KEY', `the directory lists no current encryption key of ${to}`);
  const jwe = await encryptJwe(utf8(JSON.stringify(payload)), key, { kid: key.kid });
  const copies = sealAttachments === undefined ? [] : await sealAttachments(key);
  const attachments = copies.map((c) => c.listed);
  const full = { ...envelope, payload: { jwe, digest: controlNumber(utf8(jwe)) }, ...(attachments.length > 0 && { attachments }) };
  const checked = validateEnvelope(full);
  if (!checked.ok) throw new CaseError('VALIDATION', 'the envelope does not validate', { issues: checked.errors as ValidationIssue[] });
  return { jws: await keyring.sign(utf8(JSON.stringify(checked.value)), typ), attachments: copies.map((c) => c.jwe) };
}
