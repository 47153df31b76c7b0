import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Switch,
  Text,
} from '@fluentui/react-components';
import { strings } from '../strings';
import { ProblemMessage } from './ProblemMessage';
import type { TrackingView } from './useDraftTracking';

const text = strings.compose.pane;

/** The tracking switch, showing the draft's real state, or why tracking is not possible. */
export function TrackingSwitch({ view, onChange }: { view: TrackingView; onChange: (on: boolean) => void }) {
  if (view.phase === 'loading') {
    return <Spinner size="tiny" label={text.loading} />;
  }
  const { state } = view;
  if (state.kind === 'unavailable') {
    return (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{text.unavailableTitle}</MessageBarTitle>
          {text.unavailable[state.reason]}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const on = state.kind === 'on';
  return (
    <div>
      <Switch
        label={text.switchLabel}
        checked={on}
        disabled={view.working}
        onChange={(_event, data) => onChange(data.checked)}
      />
      <Text block>{view.working ? text.stateWorking : on ? text.stateOn : text.stateOff}</Text>
      {view.problemCode ? <ProblemMessage code={view.problemCode} /> : null}
      {view.serverNotTold ? (
        <MessageBar intent="warning">
          <MessageBarBody>{text.stopWarningServer}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
