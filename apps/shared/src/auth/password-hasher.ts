import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, t=2, p=1): ~50 ms here, slow enough for offline
// guessing, fast enough that a login burst does not exhaust the app.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * argon2id hashing of people's passwords (the node's officers, the hub's coordinators and
 * auditors); the only code that sees a password in clear.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummy: Promise<string> | undefined;

  // Made at start, not at the first unknown username (which would then answer slower, once).
  onModuleInit(): void {
    this.dummy ??= this.hash(randomBytes(32).toString('base64url'));
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  /** False for a wrong password and for a hash this code cannot read (never throws on it). */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends what verify() spends, against a hash of a random password nobody knows: used when
   * there is no account to check, so that "no such user" takes as long as "wrong password".
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummy, password);
    return false;
  }
}
