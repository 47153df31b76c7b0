import { Badge, makeStyles, tokens, type BadgeProps } from '@fluentui/react-components';
import type { TrackedMessage } from '../../../shared/api';
import { statusStrings as text } from '../../strings/status';
import { badgesOf, type BadgeKind } from '../model/badges';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  // Fluent's badge is one line of fixed height, so in a narrow pane a long label would be cut off.
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', maxWidth: '100%' },
});

interface BadgeLook {
  label: string;
  /** Longer words for screen readers and hover. */
  description: string;
  color: BadgeProps['color'];
  appearance: BadgeProps['appearance'];
}

/** Returns the visible text, spoken description and colour of one badge of a message. */
export function describeBadge(
  kind: BadgeKind,
  message: TrackedMessage,
  recipientCount: number | null,
): BadgeLook {
  const { counts, peopleOpens } = message.opens;
  switch (kind) {
    case 'opened':
      return {
        label: text.badgeOpened(peopleOpens),
        description: text.badgeOpenedLabel(peopleOpens),
        color: 'success',
        appearance: 'filled',
      };
    case 'proxy':
      return {
        label: text.badgeProxy(counts['human-via-proxy']),
        description: text.badgeProxyLabel(counts['human-via-proxy']),
        color: 'success',
        appearance: 'tint',
      };
    case 'unclear':
      return {
        label: text.badgeUnclear(counts.unknown),
        description: text.badgeUnclearLabel(counts.unknown),
        color: 'informative',
        appearance: 'tint',
      };
    case 'automated':
      return {
        label: text.badgeAutomated,
        description: text.badgeAutomatedLabel,
        color: 'informative',
        appearance: 'outline',
      };
    case 'receipts': {
      const label = text.badgeReceipts(message.receipts.read, message.receipts.notRead, recipientCount);
      return { label, description: label, color: 'brand', appearance: 'tint' };
    }
    case 'no-signal':
      return {
        label: text.badgeNoSignal,
        description: text.badgeNoSignalLabel,
        color: 'informative',
        appearance: 'ghost',
      };
    case 'stopped':
      return {
        label: text.badgeStopped,
        description: text.badgeStopped,
        color: 'warning',
        appearance: 'tint',
      };
  }
}

/** Renders the status badges of one message. */
export function StatusBadges({
  message,
  recipientCount,
}: {
  message: TrackedMessage;
  recipientCount: number | null;
}) {
  const styles = useStyles();
  return (
    <span className={styles.root}>
      {badgesOf(message).map((kind) => {
        const look = describeBadge(kind, message, recipientCount);
        return (
          <Badge
            key={kind}
            color={look.color}
            appearance={look.appearance}
            shape="rounded"
            className={styles.badge}
            title={look.description}
          >
            {look.label}
          </Badge>
        );
      })}
    </span>
  );
}

/** Returns the spoken summary of a message's badges, for the row's accessible name. */
export function badgeSummary(message: TrackedMessage, recipientCount: number | null): string {
  return badgesOf(message)
    .map((kind) => describeBadge(kind, message, recipientCount).description)
    .join('. ');
}
