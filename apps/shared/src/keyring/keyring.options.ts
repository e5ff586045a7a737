import { type KeyPurpose } from './local-key.entity';

export interface KeyringOptions {
  /** OPERATOR_SECRET: seals and opens the private keys; error messages name it so. */
  secret: string;
  /** PBKDF2 iterations when sealing (SEAL_PBES2_COUNT); keys sealed with fewer are re-sealed. */
  pbes2Count: number;
  /** The keys this app keeps: the hub signs only, a node signs and receives encrypted content. */
  purposes: readonly KeyPurpose[];
}

/** Injection token of the KeyringOptions given to KeyringModule.forRoot. */
export const KEYRING_OPTIONS = Symbol('KEYRING_OPTIONS');
