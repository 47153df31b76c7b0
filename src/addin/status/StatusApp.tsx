import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { statusStrings as text } from '../strings/status';
import { PortsProvider } from './context';
import { Pane } from './components/Pane';
import type { StatusPorts } from './ports';
import { fluentThemeOf } from './theme';

const useStyles = makeStyles({
  // No minimum width: Outlook's task pane can be about 320 px wide and a host may make it narrower,
  // so every part of the pane wraps or shrinks instead of being clipped.
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: 'break-word',
  },
});

/** The "Open status" pane: Fluent theme from Outlook, the ports, and the pane itself. */
export function StatusApp({ ports }: { ports: StatusPorts }) {
  const styles = useStyles();
  const [theme, setTheme] = useState(() => ports.mailbox.getTheme());
  useEffect(() => ports.mailbox.onThemeChanged(setTheme), [ports]);

  return (
    <PortsProvider value={ports}>
      <FluentProvider theme={fluentThemeOf(theme)} className={styles.root}>
        <main aria-label={text.appTitle}>
          <Pane />
        </main>
      </FluentProvider>
    </PortsProvider>
  );
}
