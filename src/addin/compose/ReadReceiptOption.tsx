import { Checkbox, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { errorCodeOf } from '../addinError';
import { strings } from '../strings';
import { ProblemMessage } from './ProblemMessage';

const text = strings.compose.pane;

interface ReceiptState {
  /** The value saved on the draft in Exchange by this pane's last successful request. */
  saved: boolean;
  /** The value being saved right now, or null. */
  saving: boolean | null;
  /** The failed target and its error code, until the next change. */
  failure: { target: boolean; code: string } | null;
}

/**
 * Opt-in "Also request a read receipt through Exchange". Checking the box saves the request on the
 * draft through `request(true)`, unchecking withdraws it through `request(false)`, and the pane
 * reports success or the exact failure of each.
 */
export function ReadReceiptOption({ request }: { request: (requested: boolean) => Promise<void> }) {
  const [state, setState] = useState<ReceiptState>({ saved: false, saving: null, failure: null });
  // Set once the user withdrew a request, so the pane confirms that as it confirms the request.
  const [withdrawn, setWithdrawn] = useState(false);

  const save = async (target: boolean): Promise<void> => {
    setState((current) => ({ ...current, saving: target, failure: null }));
    try {
      await request(target);
      setState({ saved: target, saving: null, failure: null });
      setWithdrawn(!target);
    } catch (error) {
      setState((current) => ({ ...current, saving: null, failure: { target, code: errorCodeOf(error) } }));
    }
  };

  return (
    <div>
      <Checkbox
        label={text.receiptLabel}
        checked={state.saving ?? state.saved}
        disabled={state.saving !== null}
        onChange={(_event, data) => void save(data.checked === true)}
      />
      <Text block size={200}>
        {text.receiptHint}
      </Text>
      {state.saving !== null ? (
        <Spinner size="tiny" label={state.saving ? text.receiptWorking : text.receiptWithdrawing} />
      ) : null}
      {state.saving === null && state.failure === null && state.saved ? (
        <MessageBar intent="success">
          <MessageBarBody>{text.receiptOn}</MessageBarBody>
        </MessageBar>
      ) : null}
      {state.saving === null && state.failure === null && withdrawn ? (
        <MessageBar intent="info">
          <MessageBarBody>{text.receiptOff}</MessageBarBody>
        </MessageBar>
      ) : null}
      {state.failure !== null ? (
        <ProblemMessage
          title={state.failure.target ? text.receiptFailed : text.receiptWithdrawFailed}
          code={state.failure.code}
        />
      ) : null}
    </div>
  );
}
