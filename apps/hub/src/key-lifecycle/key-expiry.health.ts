import { type HealthIndicatorResult } from '@nestjs/terminus';
import { type KeyLifecycleService } from './key-lifecycle.service';

/** At most this many keys are named in /health; the admin listing has them all. */
const MAX_NAMED = 50;

/**
 * The 'keys' entry of the hub's /health: up, and `degraded` with the node and kid of each key
 * that expires within KEY_EXPIRY_WARNING_DAYS or has expired without a successor. A warning
 * never makes the hub unready (503): it is work for the coordinator, not an outage.
 */
export function keyExpiryHealth(keys: KeyLifecycleService): () => Promise<HealthIndicatorResult> {
  return async () => {
    const warned = await keys.warnings();
    const named = warned.slice(0, MAX_NAMED).map(({ nodeId, unitId, kid, use, notAfter, expiresInDays, warning }) => ({
      nodeId,
      unitId,
      kid,
      use,
      notAfter: notAfter?.toISOString() ?? null,
      expiresInDays,
      warning,
    }));
    return {
      keys: {
        status: 'up',
        degraded: warned.length > 0,
        warningDays: keys.warningDays,
        warnings: named,
        ...(warned.length > 0 && { message: `${warned.length} node key(s) expire within ${keys.warningDays} days or have expired: rotate them` }),
      },
    };
  };
}
