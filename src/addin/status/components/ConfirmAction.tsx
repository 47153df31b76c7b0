import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { statusStrings as text } from '../../strings/status';

interface ConfirmActionProps {
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  /** Runs after confirmation; a rejection keeps the dialog open with an error line. */
  onConfirm: () => Promise<void>;
  /**
   * Runs once the dialog has closed after a successful confirmation. Navigation that unmounts this
   * component belongs here: a modal dialog unmounted while open leaves the rest of the pane
   * `aria-hidden`, out of reach of screen readers.
   */
  onDone?: () => void;
}

/** Renders a button that opens a confirmation dialog and runs `onConfirm` only after confirmation. */
export function ConfirmAction({ label, title, body, confirmLabel, onConfirm, onDone }: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const confirmed = useRef(false);

  useEffect(() => {
    if (confirmed.current && !open) {
      confirmed.current = false;
      onDone?.();
    }
  }, [open, onDone]);

  const confirm = () => {
    setBusy(true);
    setFailed(false);
    onConfirm().then(
      () => {
        setBusy(false);
        confirmed.current = true;
        setOpen(false);
      },
      () => {
        setBusy(false);
        setFailed(true);
      },
    );
  };

  return (
    <Dialog
      open={open}
      modalType="alert"
      onOpenChange={(_, data) => {
        setOpen(data.open);
        setFailed(false);
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button>{label}</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <Body1>{body}</Body1>
            {failed && (
              <Body1 as="p" role="alert">
                {text.actionFailed}
              </Body1>
            )}
          </DialogContent>
          <DialogActions>
            {/* disabledFocusable keeps focus inside the modal dialog while the request runs. */}
            <Button appearance="primary" disabledFocusable={busy} onClick={confirm}>
              {confirmLabel}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button>{text.cancel}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
