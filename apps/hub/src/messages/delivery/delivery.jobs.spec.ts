import { DELIVERY_ATTEMPTS, DELIVERY_BACKOFF, deliveryJobOptions, notifyJobId } from './delivery.jobs';

describe('delivery job options', () => {
  it('take attempts and back-off from the settings, and dedupe by job id', () => {
    expect(deliveryJobOptions({ DELIVERY_ATTEMPTS: 3, DELIVERY_BACKOFF_MS: 50 }, 'id-1')).toMatchObject({
      jobId: 'id-1',
      attempts: 3,
      backoff: { type: 'exponential', delay: 50 },
    });
  });

  it('default to the documented policy (8 attempts, exponential from 2 s)', () => {
    expect(deliveryJobOptions({ DELIVERY_ATTEMPTS, DELIVERY_BACKOFF_MS: DELIVERY_BACKOFF.delay }, 'x')).toMatchObject({ attempts: 8, backoff: { delay: 2_000 } });
  });

  it('name a notification job without the ":" BullMQ refuses in custom ids', () => {
    expect(notifyJobId('0190a7c4-0000-7000-8000-000000000000')).toBe('notify-0190a7c4-0000-7000-8000-000000000000');
  });
});
