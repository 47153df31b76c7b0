/**
 * The Outlook side of the simulated Office host: it answers the calls of the simulated Office.js
 * running in one add-in frame, tells the frame when the selected item changes, runs function
 * commands and redeems tokens for nested app authentication.
 */
import {
  CHANNEL,
  isChannelMessage,
  officeError,
  type FrameToHost,
  type HostContext,
  type HostToFrame,
  type ItemSnapshot,
  type OfficeErrorShape,
  type TokenOutcome,
} from './protocol';

/** Thrown by a handler to fail the Office call with this error. */
export class OfficeCallError extends Error {
  constructor(readonly shape: OfficeErrorShape) {
    super(shape.message);
  }
}

export type CallHandlers = Record<string, (...args: unknown[]) => unknown>;

export interface OfficeHostOptions {
  context: () => HostContext;
  handlers: CallHandlers;
  requestToken: (scope: string, clientId: string) => Promise<TokenOutcome>;
}

export class OfficeHost {
  private actionWaiter: ((allowEvent: boolean) => void) | null = null;
  private readonly listener = (event: MessageEvent<unknown>): void => this.receive(event);

  constructor(
    readonly frame: HTMLIFrameElement,
    private readonly options: OfficeHostOptions,
  ) {
    window.addEventListener('message', this.listener);
  }

  dispose(): void {
    window.removeEventListener('message', this.listener);
  }

  itemChanged(item: ItemSnapshot | null): void {
    this.send({ channel: CHANNEL, kind: 'itemChanged', item });
  }

  /** Asks the frame to run a function command and resolves when it calls `event.completed()`. */
  invokeAction(name: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.actionWaiter = resolve;
      this.send({ channel: CHANNEL, kind: 'invokeAction', name });
    });
  }

  private send(message: HostToFrame): void {
    this.frame.contentWindow?.postMessage(message, '*');
  }

  private receive(event: MessageEvent<unknown>): void {
    if (event.source !== this.frame.contentWindow || !isChannelMessage(event.data)) return;
    const message = event.data as FrameToHost;
    if (message.kind === 'hello') {
      this.send({ channel: CHANNEL, kind: 'context', context: this.options.context() });
    } else if (message.kind === 'call') {
      void this.answerCall(message.id, message.method, message.args);
    } else if (message.kind === 'token') {
      void this.options
        .requestToken(message.scope, message.clientId)
        .then((outcome) => this.send({ channel: CHANNEL, kind: 'tokenResult', id: message.id, outcome }));
    } else if (message.kind === 'actionCompleted') {
      this.actionWaiter?.(message.allowEvent);
      this.actionWaiter = null;
    }
  }

  private async answerCall(id: number, method: string, args: unknown[]): Promise<void> {
    const handler = this.options.handlers[method];
    try {
      if (!handler)
        throw new OfficeCallError(
          officeError('GenericResponseError', `The simulator does not implement ${method}.`),
        );
      const value: unknown = await handler(...args);
      this.send({ channel: CHANNEL, kind: 'result', id, ok: true, value });
    } catch (error) {
      const shape =
        error instanceof OfficeCallError
          ? error.shape
          : officeError('GenericResponseError', error instanceof Error ? error.message : String(error));
      this.send({ channel: CHANNEL, kind: 'result', id, ok: false, error: shape });
    }
  }
}

/** Redeems the host's refresh token at the simulator's token endpoint, adding the OpenID scopes. */
export async function redeemHostToken(
  tokenEndpoint: string,
  refreshToken: string,
  scope: string,
  clientId: string,
): Promise<TokenOutcome> {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: clientId,
    refresh_token: refreshToken,
    scope: `${scope} openid profile`,
  });
  const response = await fetch(tokenEndpoint, { method: 'POST', body: form });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    return { ok: false, error: String(body.error), description: String(body.error_description) };
  }
  return {
    ok: true,
    accessToken: String(body.access_token),
    idToken: String(body.id_token),
    expiresIn: Number(body.expires_in),
    scope: String(body.scope),
  };
}
