import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { statusStrings as text } from '../../strings/status';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground3,
  },
});

/** Renders the two limits of open tracking, shown wherever opens are shown. */
export function Explanations() {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Caption1>{text.explainPixel}</Caption1>
      <Caption1>{text.explainBlocked}</Caption1>
    </div>
  );
}
