import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular, ArrowLeft20Regular } from '@fluentui/react-icons';
import type { TrackedMessage } from '../../../shared/api';
import { statusStrings as text } from '../../strings/status';
import { useClock, usePorts } from '../context';
import { useDetail } from '../hooks/useDetail';
import type { ReceiptCheck } from '../hooks/useReceiptCollection';
import { useReceiptRequestCheck } from '../hooks/useReceiptRequestCheck';
import { enrich } from '../model/listQuery';
import type { SelectedItem, SentItem } from '../ports';
import { ConfirmAction } from './ConfirmAction';
import { Explanations } from './Explanations';
import { OpenTimeline } from './OpenTimeline';
import { OpensChart } from './OpensChart';
import { ReceiptList } from './ReceiptList';
import { RelativeTime } from './RelativeTime';
import { SentTime } from './SentTime';
import { ErrorState, LoadingState } from './StateMessage';
import { StatusBadges } from './StatusBadges';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    justifyContent: 'space-between',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalL}`,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  subject: { wordBreak: 'break-word' },
  meta: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

interface DetailViewProps {
  trackingId: string;
  /** The selected Outlook item when the pane follows the selection, else null. */
  selectedItem: SelectedItem | null;
  /** Moves focus to the heading once the message is shown, for a detail the user opened from the list. */
  focusOnOpen: boolean;
  sentItems: ReadonlyMap<string, SentItem>;
  /** The pane's search of the mailbox for read receipts. */
  receiptCheck: ReceiptCheck;
  onBack: () => void;
  onChanged: (message: TrackedMessage) => void;
  onDeleted: (trackingId: string) => void;
}

/** Renders one tracked message: opens over time, the timeline, read receipts and the actions. */
export function DetailView({
  trackingId,
  selectedItem,
  focusOnOpen,
  sentItems,
  receiptCheck,
  onBack,
  onChanged,
  onDeleted,
}: DetailViewProps) {
  const styles = useStyles();
  const { api } = usePorts();
  const nowMs = useClock()();
  const state = useDetail(trackingId, selectedItem, onChanged);
  const { detail, failure, applyChange } = state;
  const shown = useMemo(() => (detail === null ? [] : [detail]), [detail]);
  const applyChecked = useCallback(
    (message: TrackedMessage) => {
      applyChange(message);
      onChanged(message);
    },
    [applyChange, onChanged],
  );
  const requestCheck = useReceiptRequestCheck(shown, applyChecked);
  const receiptsShown = useReceiptsShown(trackingId, receiptCheck, state.reload);
  const headerRef = useRef<HTMLElement>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const focusPending = useRef(focusOnOpen);
  useEffect(() => {
    if (!focusPending.current) return;
    // The heading exists once the message loaded; a failed load leaves the back button to focus.
    const heading = headerRef.current?.querySelector<HTMLElement>('h2') ?? null;
    const target = heading ?? (failure === null ? null : backRef.current);
    if (target === null) return;
    focusPending.current = false;
    target.focus();
  }, [detail, failure]);

  const bar = (
    <div className={styles.bar}>
      <Button
        ref={backRef}
        appearance="subtle"
        icon={<ArrowLeft20Regular />}
        title={text.back}
        onClick={onBack}
      >
        {text.backShort}
      </Button>
      <Button
        appearance="subtle"
        icon={<ArrowClockwise20Regular />}
        aria-label={text.refresh}
        title={text.refresh}
        onClick={() => {
          void state.refresh();
          receiptCheck.recheck();
        }}
      />
    </div>
  );

  if (detail === null || failure?.code === 'not-found') {
    return (
      <>
        {bar}
        {failure === null ? (
          <LoadingState label={text.loadingDetail} />
        ) : (
          <ErrorState code={failure.code} detail={failure.detail} onRetry={() => void state.refresh()} />
        )}
      </>
    );
  }

  const listed = enrich(detail, sentItems);
  const opens = [...detail.recentOpens, ...state.olderOpens];
  const { peopleOpens, automatedOpens, selfViews, counts } = detail.opens;
  const hasRepeats = opens.some((open) => !open.counted);

  const stop = async (): Promise<void> => {
    const message = await api.stop(detail.id);
    state.applyChange(message);
    onChanged(message);
  };
  const remove = async (): Promise<void> => {
    await api.delete(detail.id);
  };

  return (
    <>
      {bar}
      <article className={styles.body} aria-labelledby="detail-subject">
        <header ref={headerRef} className={styles.section}>
          <Subtitle2 as="h2" id="detail-subject" tabIndex={-1} className={styles.subject}>
            {listed.subject ?? text.noSubject}
          </Subtitle2>
          <StatusBadges message={detail} recipientCount={listed.recipientCount} />
          <Caption1 className={styles.meta}>
            <SentTime message={detail} />
            {listed.recipientCount !== null && ` · ${text.recipients(listed.recipientCount)}`}
          </Caption1>
          {state.updatedAtMs !== null && (
            <Caption1 className={styles.meta}>
              <RelativeTime iso={new Date(state.updatedAtMs).toISOString()} prefix={text.updatedAt} />
            </Caption1>
          )}
        </header>

        {failure !== null && (
          <MessageBar intent="warning">
            <MessageBarBody>{text.staleData}</MessageBarBody>
          </MessageBar>
        )}

        <section className={styles.section} aria-labelledby="detail-opens">
          <Subtitle2 as="h3" id="detail-opens">
            {text.opensHeading}
          </Subtitle2>
          <Body1>
            {text.summaryPeople(peopleOpens)} · {text.summaryAutomated(automatedOpens)} ·{' '}
            {text.summarySelf(selfViews)}
            {counts.unknown > 0 && ` · ${text.summaryUnclear(counts.unknown)}`}
          </Body1>
          {hasRepeats && <Caption1 className={styles.meta}>{text.repeatsExplained}</Caption1>}
          {/* NOTE: the detail carries only the most recent opens (50 as the server sends them). Until
              "Show older opens" loaded the rest, the chart and the list hold fewer than the counts above. */}
          {opens.some((open) => open.counted) && (
            <OpensChart opens={opens} startIso={detail.sentAt ?? detail.createdAt} endMs={nowMs} />
          )}
          <OpenTimeline opens={opens} />
          {state.olderCursor !== null && (
            <Button onClick={() => void state.loadOlderOpens()}>{text.olderOpens}</Button>
          )}
        </section>

        <section className={styles.section} aria-labelledby="detail-receipts">
          <Subtitle2 as="h3" id="detail-receipts">
            {text.receiptsHeading}
          </Subtitle2>
          <ReceiptList
            detail={detail}
            receiptCheck={receiptsShown}
            requestCheck={requestCheck}
            onRetry={receiptCheck.recheck}
          />
        </section>

        <Explanations />

        <div className={styles.actions}>
          {detail.stoppedAt === null ? (
            <ConfirmAction
              label={text.stop}
              title={text.stopTitle}
              body={text.stopBody}
              confirmLabel={text.stopConfirm}
              onConfirm={stop}
            />
          ) : (
            <Body1>
              <RelativeTime iso={detail.stoppedAt} prefix={text.stopped} />
            </Body1>
          )}
          <ConfirmAction
            label={text.delete}
            title={text.deleteTitle}
            body={text.deleteBody}
            confirmLabel={text.deleteConfirm}
            onConfirm={remove}
            onDone={() => onDeleted(detail.id)}
          />
        </div>
      </article>
    </>
  );
}

/**
 * Returns the receipt search state as this view can show it. A search that posted a receipt for
 * this message counts as `checking` until the message was fetched again, so the view never shows
 * "no receipt" while the receipt is already on the server.
 */
function useReceiptsShown(
  trackingId: string,
  receiptCheck: ReceiptCheck,
  reload: () => Promise<void>,
): ReceiptCheck['state'] {
  const [loadedAfterChecks, setLoadedAfterChecks] = useState(0);
  const { finishedChecks, updatedTrackingIds } = receiptCheck;

  const postedHere = updatedTrackingIds.includes(trackingId);

  useEffect(() => {
    if (!postedHere) return undefined;
    let current = true;
    void reload().then(() => {
      if (current) setLoadedAfterChecks(finishedChecks);
    });
    return () => {
      current = false;
    };
  }, [finishedChecks, postedHere, reload]);

  if (receiptCheck.state === 'checked' && postedHere && loadedAfterChecks < finishedChecks) return 'checking';
  return receiptCheck.state;
}
