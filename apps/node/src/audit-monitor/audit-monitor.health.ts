import { type HealthIndicatorResult } from '@nestjs/terminus';
import { type AuditMonitorService } from './audit-monitor.service';

/**
 * The 'audit' entry of /health: down as long as the monitor holds an alert (a forked or
 * rewritten hub log, or an own event missing or changed), naming the first leaf concerned.
 */
export function auditMonitorHealth(monitor: AuditMonitorService): () => Promise<HealthIndicatorResult> {
  return async () => {
    const { treeSize, alerts } = await monitor.status();
    if (alerts.length === 0) return { audit: { status: 'up', treeSize: treeSize ?? null } };
    const indices = alerts.map((a) => a.leafIndex).filter((i): i is number => i !== undefined);
    return {
      audit: {
        status: 'down',
        treeSize: treeSize ?? null,
        alerts: alerts.length,
        kinds: [...new Set(alerts.map((a) => a.kind))],
        firstBadIndex: indices.length > 0 ? Math.min(...indices) : null,
        message: alerts[alerts.length - 1]!.message,
      },
    };
  };
}
