/** Dates and durations in the officer's language (Intl: no library needed). */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (iso == null) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "3 days 4 hours" style distance between now and `iso`, always positive; negative `ms` means past. */
export function timeLeft(iso: string, now: number = Date.now()): { ms: number; days: number; hours: number; minutes: number } {
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  return { ms, days: Math.floor(abs / 86_400_000), hours: Math.floor((abs % 86_400_000) / 3_600_000), minutes: Math.floor((abs % 3_600_000) / 60_000) };
}

export function formatDuration(left: { days: number; hours: number; minutes: number }, language: string): string {
  const parts: string[] = [];
  const unit = (value: number, name: 'day' | 'hour' | 'minute') => new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  if (left.days > 0) parts.push(unit(left.days, 'day'));
  if (left.hours > 0 || left.days > 0) parts.push(unit(left.hours, 'hour'));
  if (left.days === 0) parts.push(unit(left.minutes, 'minute'));
  return parts.join(' ');
}
