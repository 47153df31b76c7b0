import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { failureText, strings } from '../strings';

/** A failure in plain words, with its stable code behind a details toggle for support. */
export function ProblemMessage({ title, code }: { title?: string; code: string }) {
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {failureText(code)}
        <details>
          <summary>{strings.common.details}</summary>
          {strings.common.errorCode(code)}
        </details>
      </MessageBarBody>
    </MessageBar>
  );
}
