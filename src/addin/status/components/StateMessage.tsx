import { Body1, Button, Caption1, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState, type ReactNode } from 'react';
import { statusStrings as text } from '../../strings/status';
import { usePorts } from '../context';
import { paneErrorCode, type PaneErrorCode } from '../ports';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
  },
  detail: { color: tokens.colorNeutralForeground3, wordBreak: 'break-word' },
});

/** Renders a full-pane state: a heading, one or two sentences, and at most one next step. */
export function StateMessage(props: { title: string; body: string; action?: ReactNode; detail?: string }) {
  const styles = useStyles();
  const [showDetail, setShowDetail] = useState(false);
  const titleId = useId();
  return (
    <section className={styles.root} aria-labelledby={titleId}>
      <Subtitle2 as="h2" id={titleId}>
        {props.title}
      </Subtitle2>
      <Body1>{props.body}</Body1>
      {props.action}
      {props.detail !== undefined && (
        <>
          <Button
            appearance="transparent"
            size="small"
            aria-expanded={showDetail}
            onClick={() => setShowDetail(!showDetail)}
          >
            {text.details}
          </Button>
          {showDetail && <Caption1 className={styles.detail}>{props.detail}</Caption1>}
        </>
      )}
    </section>
  );
}

export function LoadingState({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="status">
      <Spinner size="small" label={label} />
    </div>
  );
}

const TITLES: Record<PaneErrorCode, [string, string]> = {
  'sign-in-required': [text.signInTitle, text.signInBody],
  'naa-unsupported': [text.naaTitle, text.naaBody],
  'server-unreachable': [text.unreachableTitle, text.unreachableBody],
  'not-found': [text.notFoundTitle, text.notFoundBody],
  'server-error': [text.serverErrorTitle, text.serverErrorBody],
};

/** Renders the state for a failed load, with the next step that the failure allows. */
export function ErrorState(props: {
  code: PaneErrorCode;
  detail: string;
  onRetry: () => void;
  action?: ReactNode;
}) {
  const { signIn, logger } = usePorts();
  const [signInFailed, setSignInFailed] = useState(false);
  const [title, body] = TITLES[props.code];
  let action: ReactNode = props.action;

  if (props.code === 'sign-in-required') {
    const onSignIn = () => {
      setSignInFailed(false);
      signIn().then(props.onRetry, (error: unknown) => {
        logger.warn('Sign-in failed', { code: paneErrorCode(error) });
        setSignInFailed(true);
      });
    };
    action = (
      <>
        <Button appearance="primary" onClick={onSignIn}>
          {text.signIn}
        </Button>
        {signInFailed && <Body1 role="alert">{text.signInFailed}</Body1>}
      </>
    );
  } else if (props.code === 'server-unreachable' || props.code === 'server-error') {
    action = <Button onClick={props.onRetry}>{text.tryAgain}</Button>;
  }

  return <StateMessage title={title} body={body} action={action} detail={props.detail} />;
}
