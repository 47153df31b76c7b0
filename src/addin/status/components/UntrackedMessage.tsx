import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeft20Regular } from '@fluentui/react-icons';
import { statusStrings as text } from '../../strings/status';
import { StateMessage } from './StateMessage';

const useStyles = makeStyles({
  bar: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
});

/** Renders the note for a selected message that the add-in did not track, with the way back to the list. */
export function UntrackedMessage({ onBack }: { onBack: () => void }) {
  const styles = useStyles();
  return (
    <>
      <div className={styles.bar}>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} title={text.back} onClick={onBack}>
          {text.backShort}
        </Button>
      </div>
      <StateMessage title={text.untrackedTitle} body={text.untrackedBody} />
    </>
  );
}
