import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReadReceipt, TrackedMessageDetail } from '../../../shared/api';
import { statusStrings as text } from '../../strings/status';
import { RelativeTime } from './RelativeTime';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', flexDirection: 'column' },
  recipient: { wordBreak: 'break-all' },
  meta: { color: tokens.colorNeutralForeground3 },
});

function describeKind(receipt: ReadReceipt): string {
  if (receipt.kind === 'read') return text.receiptRead;
  if (receipt.kind === 'not-read') return text.receiptNotRead;
  return text.receiptOther(receipt.dispositionType);
}

/** Returns the sentence on whether a receipt was requested; "requested" only when Graph verified it. */
export function receiptRequestText(readReceiptRequested: boolean | null): string {
  if (readReceiptRequested === true) return text.receiptRequestedYes;
  if (readReceiptRequested === false) return text.receiptRequestedNo;
  return text.receiptRequestedUnknown;
}

/** Read receipts per recipient, with whether a receipt was really requested. */
export function ReceiptList({ detail }: { detail: TrackedMessageDetail }) {
  const styles = useStyles();
  return (
    <>
      <Caption1 className={styles.meta}>{receiptRequestText(detail.readReceiptRequested)}</Caption1>
      {detail.receiptList.length === 0 ? (
        <Body1>{text.receiptsNone}</Body1>
      ) : (
        <ul className={styles.list} aria-label={text.receiptsListLabel}>
          {detail.receiptList.map((receipt) => (
            <li key={receipt.receiptMessageId} className={styles.item}>
              <Body1 className={styles.recipient}>
                {receipt.finalRecipient ?? text.receiptUnknownRecipient}
              </Body1>
              <Caption1 className={styles.meta}>
                {describeKind(receipt)} · <RelativeTime iso={receipt.at} />
              </Caption1>
            </li>
          ))}
        </ul>
      )}
      <Caption1 className={styles.meta}>{text.receiptsNote}</Caption1>
    </>
  );
}
