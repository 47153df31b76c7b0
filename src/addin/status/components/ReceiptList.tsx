import { Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReadReceipt, TrackedMessageDetail } from '../../../shared/api';
import { statusStrings as text } from '../../strings/status';
import type { ReceiptCheckState } from '../hooks/useReceiptCollection';
import type { RequestCheckState } from '../hooks/useReceiptRequestCheck';
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
  status: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

function describeKind(receipt: ReadReceipt): string {
  if (receipt.kind === 'read') return text.receiptRead;
  if (receipt.kind === 'not-read') return text.receiptNotRead;
  return text.receiptOther(receipt.dispositionType);
}

/**
 * Returns the sentence on whether a receipt was requested; "requested" only when Graph verified it.
 * While the check of the sent copy runs or after it failed, the sentence reports that instead of "not checked".
 */
export function receiptRequestText(
  readReceiptRequested: boolean | null,
  requestCheck: RequestCheckState = 'idle',
): string {
  if (readReceiptRequested === true) return text.receiptRequestedYes;
  if (readReceiptRequested === false) return text.receiptRequestedNo;
  if (requestCheck === 'checking') return text.receiptRequestChecking;
  if (requestCheck === 'failed') return text.receiptRequestCheckFailed;
  return text.receiptRequestedUnknown;
}

/** Returns the sentence on the mailbox search; with no receipt stored, "none" only after a finished search. */
function noReceiptText(receiptCheck: ReceiptCheckState): string {
  switch (receiptCheck) {
    case 'checking':
      return text.receiptsChecking;
    case 'failed':
      return text.receiptsCheckFailed;
    case 'unavailable':
      return text.receiptsNoneUnsearched;
    case 'checked':
      return text.receiptsNone;
  }
}

interface ReceiptListProps {
  detail: TrackedMessageDetail;
  /** The pane's search of the mailbox for receipts, as far as this message is concerned. */
  receiptCheck: ReceiptCheckState;
  /** The check of the sent copy for a read-receipt request. */
  requestCheck: RequestCheckState;
  /** Searches the mailbox again after a failed search. */
  onRetry: () => void;
}

/**
 * Read receipts per recipient, with whether a receipt was really requested. "No receipt" is shown
 * only after the mailbox search finished, because a receipt may be waiting in the inbox until then.
 */
export function ReceiptList({ detail, receiptCheck, requestCheck, onRetry }: ReceiptListProps) {
  const styles = useStyles();
  return (
    <>
      <Caption1 className={styles.meta}>
        {receiptRequestText(detail.readReceiptRequested, requestCheck)}
      </Caption1>
      {detail.receiptList.length > 0 && (
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
      {/* A failed search is reported even beside stored receipts, because newer ones may be missing. */}
      {(detail.receiptList.length === 0 || receiptCheck === 'failed') && (
        <div className={styles.status} role="status">
          <Body1>{noReceiptText(receiptCheck)}</Body1>
          {receiptCheck === 'failed' && (
            <Button size="small" onClick={onRetry}>
              {text.tryAgain}
            </Button>
          )}
        </div>
      )}
      <Caption1 className={styles.meta}>{text.receiptsNote}</Caption1>
    </>
  );
}
