import { useClock } from '../context';
import { formatExact, formatRelative } from '../model/time';

/** A time shown relative to now ("2 hours ago"), with the exact local time on hover and for screen readers. */
export function RelativeTime({ iso, prefix }: { iso: string; prefix?: (relative: string) => string }) {
  const nowMs = useClock()();
  const relative = formatRelative(iso, nowMs);
  const exact = formatExact(iso);
  return (
    <time dateTime={iso} title={exact} aria-label={prefix === undefined ? exact : prefix(exact)}>
      {prefix === undefined ? relative : prefix(relative)}
    </time>
  );
}
