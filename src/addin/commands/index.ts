/**
 * Entry of the function file (commands.html): registers the "Track this email" command. Needs
 * Office.js; must not import React, so the page stays small and loads fast on every click.
 */
import { createReadmarkApi } from '../api/client';
import { createSignIn } from '../auth/signIn';
import { getAddinConfig } from '../config';
import { createTrackThisEmail } from './trackThisEmail';

/** Function name of the command in the manifest's `<FunctionName>`. */
const TRACK_THIS_EMAIL = 'trackThisEmail';

const config = getAddinConfig();
const signIn = createSignIn(config);
const trackThisEmail = createTrackThisEmail({
  api: createReadmarkApi({
    serverOrigin: config.serverOrigin,
    getAccessToken: () => signIn.getAccessToken('readmark-api'),
  }),
  newClientRequestId: () => crypto.randomUUID(),
});

function handle(event: Office.AddinCommands.Event): void {
  void trackThisEmail(event);
}

Office.onReady(() => {
  // Office.actions.associate is the current registration; clients that predate it call the
  // global function of the same name.
  if (Office.actions?.associate) {
    Office.actions.associate(TRACK_THIS_EMAIL, handle);
  }
}).catch(() => undefined);
(globalThis as Record<string, unknown>)[TRACK_THIS_EMAIL] = handle;
