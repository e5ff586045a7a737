import { Injectable } from '@nestjs/common';
import { LIMITS } from '@cicu/protocol';
import { Batcher } from '@cicu/shared';
import { HubClient, type SubmitResult } from '../../hub-client/hub-client';

/** One message's outcome in a batch call, or the failure of the whole call (each job retries). */
type BatchOutcome = SubmitResult | { status: 'failed'; error: unknown };

/**
 * Hands signed messages to the hub in batches (POST /v1/messages/batch): the submit jobs that
 * run while a call is in flight go together in the next call, within the protocol's batch
 * limits; with no load a message goes at once, alone. One authenticated call, one assertion
 * and one round trip for many messages, where each message's outcome is still its own
 * (docs/adr-routing.md). A message longer than a batch takes goes alone to POST /v1/messages.
 */
@Injectable()
export class HubSubmissions {
  private readonly batcher = new Batcher<string, BatchOutcome>((messages) => this.send(messages), {
    maxBatch: LIMITS.batchMessages,
    maxWeight: LIMITS.batchLength,
    weigh: (jws) => jws.length,
  });

  constructor(private readonly hub: HubClient) {}

  /** The hub's receipt or refusal of this message; throws when the call failed (hub down, 5xx). */
  async submit(jws: string): Promise<SubmitResult> {
    if (jws.length > LIMITS.batchLength) return this.hub.submit(jws);
    const outcome = await this.batcher.submit(jws);
    if (outcome.status === 'failed') throw outcome.error;
    return outcome;
  }

  /** Never throws: a failed call is each message's failure, not a reason to resend them one by one. */
  private async send(messages: readonly string[]): Promise<BatchOutcome[]> {
    try {
      return await this.hub.submitBatch(messages);
    } catch (error) {
      return messages.map(() => ({ status: 'failed', error }));
    }
  }
}
