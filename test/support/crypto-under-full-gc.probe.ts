/**
 * Child process of test/crypto-under-full-gc.e2e-spec.ts, run under `--gc-global
 * --max-semi-space-size=1` (every GC a full one, and frequent): it repeats one libs/crypto
 * operation that generates a key until `durationMs` have passed, then prints how many it did.
 * A process that freezes in a GC never prints, which is what the spec looks for.
 *
 * Usage: node --gc-global --max-semi-space-size=1 -r @swc-node/register <this file> encrypt|generate <durationMs>
 */
import { encryptJwe, generateEncryptionKeyPair, generateSigningKeyPair } from '@cicu/crypto';

async function main(): Promise<void> {
  const [mode, durationArg] = process.argv.slice(2);
  const durationMs = Number(durationArg);
  if ((mode !== 'encrypt' && mode !== 'generate') || !(durationMs > 0)) throw new Error('usage: encrypt|generate <durationMs>');
  const recipients = [await generateEncryptionKeyPair('X25519'), await generateEncryptionKeyPair('P-256')];
  const plaintext = new TextEncoder().encode('{"probe":true}');
  const end = performance.now() + durationMs;
  let done = 0;
  while (performance.now() < end) {
    if (mode === 'encrypt') {
      // Mostly X25519, as the exchange uses; P-256 too, its ephemeral key takes the same path.
      await encryptJwe(plaintext, recipients[done % 8 === 7 ? 1 : 0]!.publicJwk);
    } else {
      await Promise.all([generateSigningKeyPair('Ed25519'), generateEncryptionKeyPair('X25519'), generateSigningKeyPair('P-256')]);
    }
    done++;
  }
  process.stdout.write(`${done}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
