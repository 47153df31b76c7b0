import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { strings } from '../strings';
import type { TrackingDependencies } from '../tracking/dependencies';
import { ReadReceiptOption } from './ReadReceiptOption';
import { TrackingSwitch } from './TrackingSwitch';
import { useDraftTracking } from './useDraftTracking';

const text = strings.compose.pane;

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
  },
});

export interface ComposePaneProps {
  tracking: TrackingDependencies;
  /** Saves whether Exchange requests a read receipt from the recipients. */
  requestReadReceipt: (requested: boolean) => Promise<void>;
}

/** The "Tracking options" task pane of a draft. */
export function ComposePane({ tracking, requestReadReceipt }: ComposePaneProps) {
  const styles = useStyles();
  const { view, setTracking } = useDraftTracking(tracking);
  const available = view.phase === 'ready' && view.state.kind !== 'unavailable';

  return (
    <main className={styles.pane}>
      <Text as="h1" size={500} weight="semibold">
        {text.title}
      </Text>
      <TrackingSwitch view={view} onChange={(on) => void setTracking(on)} />
      {available ? <ReadReceiptOption request={requestReadReceipt} /> : null}
      <Text as="p">{text.honestyPixel}</Text>
      <Text as="p">{text.honestyReceipts}</Text>
    </main>
  );
}
