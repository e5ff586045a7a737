import { type HealthIndicatorResult } from '@nestjs/terminus';
import { type NodeDirectoryService } from './node-directory.service';

/**
 * The 'directory' entry of /health: down when the node never got a verified snapshot or
 * the hub has not confirmed it for longer than DIRECTORY_MAX_AGE_SECONDS (the alert is also
 * logged, once, by checkFreshness).
 */
export function directoryHealth(directory: NodeDirectoryService): () => HealthIndicatorResult {
  return () => {
    const { version, ageSeconds, stale } = directory.checkFreshness();
    const details = { version: version ?? null, ageSeconds: ageSeconds ?? null };
    if (version === undefined) return { directory: { status: 'down', ...details, message: 'no verified directory snapshot yet' } };
    return { directory: { status: stale ? 'down' : 'up', ...details, ...(stale && { message: 'directory snapshot is stale' }) } };
  };
}
