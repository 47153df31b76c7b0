import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { statusStrings as text } from '../../strings/status';
import { useClock } from '../context';
import type { ListedMessage } from '../model/listQuery';
import { formatExact, formatRelative } from '../model/time';
import { SentTime, sentLabel } from './SentTime';
import { StatusBadges, badgeSummary } from './StatusBadges';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    width: '100%',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    textAlign: 'start',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  subject: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  meta: { color: tokens.colorNeutralForeground3 },
});

/** Renders one tracked message of the dashboard as a button that opens its detail. */
export function MessageRow({
  listed,
  onOpen,
}: {
  listed: ListedMessage;
  onOpen: (trackingId: string) => void;
}) {
  const styles = useStyles();
  const nowMs = useClock()();
  const { message, recipientCount } = listed;
  const subject = listed.subject ?? text.noSubject;
  const sent = sentLabel(message);
  const { firstOpenAt, lastOpenAt } = message.opens;
  const openedSpan =
    firstOpenAt === null || lastOpenAt === null
      ? null
      : text.openedSpan(formatExact(firstOpenAt), formatExact(lastOpenAt));
  const label = [subject, badgeSummary(message, recipientCount), sent, openedSpan]
    .filter((part) => part !== null)
    .join('. ');

  return (
    <button
      type="button"
      className={styles.row}
      data-tracking-id={message.id}
      onClick={() => onOpen(message.id)}
      aria-label={label}
    >
      <Text weight="semibold" className={styles.subject}>
        {subject}
      </Text>
      <StatusBadges message={message} recipientCount={recipientCount} />
      <Caption1 className={styles.meta}>
        <SentTime message={message} />
        {recipientCount !== null && ` · ${text.recipients(recipientCount)}`}
      </Caption1>
      {firstOpenAt !== null && lastOpenAt !== null && (
        <Caption1 className={styles.meta} title={openedSpan ?? undefined}>
          {text.openedSpan(formatRelative(firstOpenAt, nowMs), formatRelative(lastOpenAt, nowMs))}
        </Caption1>
      )}
    </button>
  );
}
