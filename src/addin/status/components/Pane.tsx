import { useCallback, useEffect, useState } from 'react';
import type { TrackedMessage } from '../../../shared/api';
import { useReceiptCollection } from '../hooks/useReceiptCollection';
import { useReceiptRequestCheck } from '../hooks/useReceiptRequestCheck';
import { useSelection } from '../hooks/useSelection';
import { useSentItems } from '../hooks/useSentItems';
import { useTrackedList } from '../hooks/useTrackedList';
import type { SelectedItem } from '../ports';
import { statusStrings as text } from '../../strings/status';
import { Dashboard } from './Dashboard';
import { DetailView } from './DetailView';
import { LoadingState } from './StateMessage';
import { UntrackedMessage } from './UntrackedMessage';

/**
 * The view the pane shows. `focusTrackingId` is the row that gets focus on the way back from a detail,
 * and `openedFromList` moves focus into a detail the user opened, because Outlook's own selection
 * must not pull focus into the pane.
 */
type View =
  | { kind: 'dashboard'; focusTrackingId: string | null }
  | { kind: 'untracked' }
  | { kind: 'detail'; trackingId: string; selectedItem: SelectedItem | null; openedFromList: boolean };

/**
 * Renders the dashboard, one message's detail, or a note that the selected message is not tracked.
 * A new selection in Outlook always decides, because the pinned pane follows it. Between selections
 * the user can open any message from the list and go back.
 */
export function Pane() {
  const selection = useSelection();
  const list = useTrackedList();
  const sentItems = useSentItems(list);
  const { refresh, updatedAtMs, messages, replace } = list;
  const listLoaded = updatedAtMs !== null;
  const [receiptsPosted, setReceiptsPosted] = useState(0);
  const onReceiptPosted = useCallback(() => setReceiptsPosted((count) => count + 1), []);
  const receiptCheck = useReceiptCollection(onReceiptPosted);
  useEffect(() => {
    // A pane on a message's detail loads no list. A list that loaded while a receipt was being
    // posted may lack it, so it reloads once the receipt is in.
    if (receiptsPosted > 0 && listLoaded) void refresh();
  }, [listLoaded, receiptsPosted, refresh]);
  useReceiptRequestCheck(messages, replace);
  // A view the user chose stays only until the next selection in Outlook.
  let selectionKey: string = selection.kind;
  if (selection.kind === 'tracked') selectionKey = `${selection.trackingId}#${selection.sequence}`;
  else if (selection.kind === 'untracked') selectionKey = `untracked#${selection.sequence}`;
  const [chosen, setChosen] = useState<{ selectionKey: string; view: View } | null>(null);
  const setView = useCallback((next: View) => setChosen({ selectionKey, view: next }), [selectionKey]);

  let view: View | null;
  if (chosen !== null && chosen.selectionKey === selectionKey) view = chosen.view;
  else if (selection.kind === 'resolving') view = null;
  else if (selection.kind === 'tracked')
    view = {
      kind: 'detail',
      trackingId: selection.trackingId,
      selectedItem: selection.item,
      openedFromList: false,
    };
  else if (selection.kind === 'untracked') view = { kind: 'untracked' };
  else view = { kind: 'dashboard', focusTrackingId: null };

  const { remove } = list;
  const shownTrackingId = view?.kind === 'detail' ? view.trackingId : null;
  const onBack = useCallback(
    () => setView({ kind: 'dashboard', focusTrackingId: shownTrackingId }),
    [setView, shownTrackingId],
  );
  const onOpen = useCallback(
    (trackingId: string) => setView({ kind: 'detail', trackingId, selectedItem: null, openedFromList: true }),
    [setView],
  );
  const onChanged = useCallback((message: TrackedMessage) => replace(message), [replace]);
  const onDeleted = useCallback(
    (trackingId: string) => {
      remove(trackingId);
      setView({ kind: 'dashboard', focusTrackingId: null });
    },
    [remove, setView],
  );

  if (view === null) return <LoadingState label={text.loadingSelection} />;
  if (view.kind === 'untracked') return <UntrackedMessage onBack={onBack} />;
  if (view.kind === 'dashboard')
    return (
      <Dashboard list={list} sentItems={sentItems} focusTrackingId={view.focusTrackingId} onOpen={onOpen} />
    );
  return (
    <DetailView
      key={view.trackingId}
      trackingId={view.trackingId}
      selectedItem={view.selectedItem}
      focusOnOpen={view.openedFromList}
      sentItems={sentItems}
      receiptCheck={receiptCheck}
      onBack={onBack}
      onChanged={onChanged}
      onDeleted={onDeleted}
    />
  );
}
