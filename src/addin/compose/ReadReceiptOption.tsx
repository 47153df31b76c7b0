import { Checkbox, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { errorCodeOf } from '../addinError';
import { strings } from '../strings';
import { ProblemMessage } from './ProblemMessage';

const text = strings.compose.pane;

type ReceiptView =
  { phase: 'idle' } | { phase: 'working' } | { phase: 'done' } | { phase: 'failed'; code: string };

/**
 * Opt-in "Also request a read receipt through Exchange". Checking it runs `request` once and
 * reports success or the exact failure. Once the request succeeded the box stays checked, because
 * the flag is then saved on the draft in Exchange and the pane offers no way to clear it.
 */
export function ReadReceiptOption({ request }: { request: () => Promise<void> }) {
  const [view, setView] = useState<ReceiptView>({ phase: 'idle' });

  const run = async (): Promise<void> => {
    setView({ phase: 'working' });
    try {
      await request();
      setView({ phase: 'done' });
    } catch (error) {
      setView({ phase: 'failed', code: errorCodeOf(error) });
    }
  };

  return (
    <div>
      <Checkbox
        label={text.receiptLabel}
        checked={view.phase === 'working' || view.phase === 'done'}
        disabled={view.phase === 'working' || view.phase === 'done'}
        onChange={(_event, data) => {
          if (data.checked === true) {
            void run();
          }
        }}
      />
      <Text block size={200}>
        {text.receiptHint}
      </Text>
      {view.phase === 'working' ? <Spinner size="tiny" label={text.receiptWorking} /> : null}
      {view.phase === 'done' ? (
        <MessageBar intent="success">
          <MessageBarBody>{text.receiptOn}</MessageBarBody>
        </MessageBar>
      ) : null}
      {view.phase === 'failed' ? <ProblemMessage title={text.receiptFailed} code={view.code} /> : null}
    </div>
  );
}
