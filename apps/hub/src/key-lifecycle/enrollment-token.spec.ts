import { newEnrollmentToken } from './enrollment-token';
import { ENROLLMENT_TOKEN_PATTERN } from './key-lifecycle.schemas';

describe('newEnrollmentToken', () => {
  it('is 32 random bytes in base64url, of the pattern the enrolment accepts', () => {
    const token = newEnrollmentToken();
    expect(token).toMatch(new RegExp(ENROLLMENT_TOKEN_PATTERN));
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it("draws again when the bytes would give a token starting with '-', which a command line reads as an option", () => {
    // 0xf8: the first six bits are 62, base64url's '-'.
    const draws = [Buffer.alloc(32, 0xf8), Buffer.alloc(32, 0xf8), Buffer.alloc(32, 0x10)];
    const random = jest.fn((size: number) => draws.shift()!.subarray(0, size));
    expect(Buffer.alloc(32, 0xf8).toString('base64url').startsWith('-')).toBe(true);
    const token = newEnrollmentToken(random);
    expect(random).toHaveBeenCalledTimes(3);
    expect(token).toBe(Buffer.alloc(32, 0x10).toString('base64url'));
  });
});
