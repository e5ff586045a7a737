import { randomBytes } from 'node:crypto';

/**
 * A new enrolment token: 32 random bytes, base64url (ENROLLMENT_TOKEN_PATTERN), never starting
 * with '-'. The node's operator passes it on a command line (`npm run node -- enroll <hub-url>
 * <token>`), where an argument that starts with '-' is read as an option. One draw in 64
 * would start so; it is drawn again, which leaves 255.97 of the 256 bits.
 */
export function newEnrollmentToken(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const token = random(32).toString('base64url');
    if (!token.startsWith('-')) return token;
  }
}
