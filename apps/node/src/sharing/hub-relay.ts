import { HttpException, Injectable } from '@nestjs/common';
import { type ValidationIssue, type ValidationResult } from '@cicu/protocol';
import { type HubLibraryResult, HubClient } from '../hub-client/hub-client';
import { HubClientError } from '../hub-client/hub-client.errors';

/**
 * A refusal of an experience-sharing route of this node (library, forum, unit directory): the
 * node's own (VALIDATION before anything is sent, NOT_ENROLLED, HUB_UNAVAILABLE, the library's
 * CONTROL_NUMBER_MISMATCH) or the hub's, passed on with its code, status and details (issues,
 * findings).
 */
export class SharingNodeError extends HttpException {
  constructor(
    readonly code: string,
    message: string,
    status: number,
    extra: { issues?: unknown[]; findings?: unknown[] } = {},
  ) {
    super({ code, message, ...extra }, status);
  }
}

export const sharingValidation = (message: string, issues: ValidationIssue[]) => new SharingNodeError('VALIDATION', message, 400, { issues });

/** The value, or VALIDATION naming each wrong member (nothing is sent to the hub). */
export function validOrRefused<T>(validate: (value: unknown) => ValidationResult<T>, value: unknown): T {
  const result = validate(value);
  if (!result.ok) throw sharingValidation('the request fails validation', result.errors);
  return result.value;
}

/** Relays an officer's call to the hub and turns what cannot be passed on into this node's refusals. */
@Injectable()
export class HubRelay {
  constructor(private readonly hub: HubClient) {}

  call<T>(method: 'GET' | 'POST' | 'PUT', path: string, init: { query?: Record<string, string>; body?: unknown }, expected: number): Promise<T> {
    return this.relay(() => this.hub.sharingCall<T>(method, path, init, expected));
  }

  /** Any sharing call of the hub client (the library's typed ones too), its answer or its refusal. */
  async relay<T>(call: () => Promise<HubLibraryResult<T>>): Promise<T> {
    let result: HubLibraryResult<T>;
    try {
      result = await call();
    } catch (error) {
      if (!(error instanceof HubClientError)) throw error;
      if (error.code === 'HUB_NOT_CONFIGURED') throw new SharingNodeError('NOT_ENROLLED', 'this node is not enrolled with a hub', 503);
      // Same code either way (what the officer can do is wait), but say which it was.
      const what = error.code === 'HUB_BAD_RESPONSE' ? 'the hub answered with an error' : 'the hub cannot be reached';
      throw new SharingNodeError('HUB_UNAVAILABLE', `${what} (${error.code})`, 502);
    }
    if (result.ok) return result.value;
    const { code, message, issues, findings } = result.refusal;
    throw new SharingNodeError(code, message, result.status, { ...(issues !== undefined && { issues }), ...(findings !== undefined && { findings }) });
  }
}
