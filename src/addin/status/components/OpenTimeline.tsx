import { Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Open } from '../../../shared/api';
import { statusStrings as text } from '../../strings/status';
import { confidenceLevel, groupOpens, tallyHidden } from '../model/openGroups';
import { describeReason } from '../reasons';
import { RelativeTime } from './RelativeTime';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
  },
  people: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  meta: { color: tokens.colorNeutralForeground3 },
});

function OpenItem({ open }: { open: Open }) {
  const styles = useStyles();
  const isPeople = open.counted && (open.kind === 'human' || open.kind === 'human-via-proxy');
  return (
    <li className={isPeople ? `${styles.item} ${styles.people}` : styles.item}>
      <Body1>{text.openKind[open.kind]}</Body1>
      <Caption1 className={styles.meta}>
        <RelativeTime iso={open.at} /> · {text.confidence(confidenceLevel(open.confidence))}
        {!open.counted && ` · ${text.notCounted}`}
      </Caption1>
      {open.reasons.map((code) => (
        <Caption1 key={code} className={styles.meta}>
          {describeReason(code)}
        </Caption1>
      ))}
    </li>
  );
}

/**
 * Renders the opens of one message, newest first. Counted opens by people and unclear opens are
 * listed. Automated fetches, the sender's own views and uncounted repeats are behind a toggle,
 * because none of them adds a read.
 */
export function OpenTimeline({ opens }: { opens: readonly Open[] }) {
  const styles = useStyles();
  const [showHidden, setShowHidden] = useState(false);
  const hiddenListId = useId();
  const { shown, hidden } = groupOpens(opens);
  const tally = tallyHidden(hidden);

  return (
    <>
      {shown.length === 0 ? (
        <Body1>{text.noPeopleOpens}</Body1>
      ) : (
        <ul className={styles.list} aria-label={text.opensListLabel}>
          {shown.map((open, index) => (
            <OpenItem key={`${open.at}-${index}`} open={open} />
          ))}
        </ul>
      )}
      {hidden.length > 0 && (
        <>
          <Button
            appearance="subtle"
            aria-expanded={showHidden}
            aria-controls={hiddenListId}
            onClick={() => setShowHidden(!showHidden)}
          >
            {showHidden ? text.hiddenOpensHide : text.hiddenOpensShow(tally)}
          </Button>
          <ul
            id={hiddenListId}
            className={styles.list}
            aria-label={text.hiddenOpensListLabel}
            hidden={!showHidden}
          >
            {showHidden && hidden.map((open, index) => <OpenItem key={`${open.at}-${index}`} open={open} />)}
          </ul>
        </>
      )}
    </>
  );
}
