import { Injectable } from '@nestjs/common';
import { LIMITS } from '@cicu/protocol';
import { Batcher } from '@cicu/shared';
import { HubClient, type SubmitResult } from '../../hub-client/hub-client';

/**
 * Hands signed messages to the hub in batches (POST /v1/messages/batch): the submit jobs that
 * run while a call is in flight go together in the next call, within the protocol's batch
 * limits; with no load a message goes at once, alone. One authenticated call, one assertion
 * and one round trip for many messages, where each message's outcome is still its own
 * (docs/adr-routing.md). A message longer than a batch takes goes alone to POST /v1/messages.
 */
@Injectable()
export class HubSubmissions {
  // A failed call fails each of its messages (each job retries), rather than resending them one by one.
  private readonly batcher = new Batcher<string, SubmitResult>((messages) => this.hub.submitBatch(messages), {
    maxBatch: LIMITS.batchMessages,
    maxWeight: LIMITS.batchLength,
    weigh: (jws) => jws.length,
    failTogether: true,
  });

  constructor(private readonly hub: HubClient) {}

  /** The hub's receipt or refusal of this message; throws when the call failed (hub down, 5xx). */
  submit(jws: string): Promise<SubmitResult> {
    return jws.length > LIMITS.batchLength ? this.hub.submit(jws) : this.batcher.submit(jws);
  }
}
