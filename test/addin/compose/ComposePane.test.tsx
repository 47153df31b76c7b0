/** @jest-environment jsdom */
import './jsdomGaps';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createReadmarkApi } from '../../../src/addin/api/client';
import { ComposePane } from '../../../src/addin/compose/ComposePane';
import { requestReadReceipt } from '../../../src/addin/compose/requestReadReceipt';
import { failureText, strings } from '../../../src/addin/strings';
import { fakeApi, jsonResponse } from '../fakeApi';
import { installFakeOffice } from '../fakeOffice';

const text = strings.compose.pane;

function renderPane(props: Partial<Parameters<typeof ComposePane>[0]> = {}) {
  const api = fakeApi();
  const requestReceipt = jest.fn(() => Promise.resolve());
  render(
    <FluentProvider theme={webLightTheme}>
      <ComposePane tracking={api.dependencies} requestReadReceipt={requestReceipt} {...props} />
    </FluentProvider>,
  );
  return { ...api, requestReceipt };
}

function trackingSwitch(): HTMLInputElement {
  return screen.getByRole('switch', { name: text.switchLabel });
}

describe('ComposePane states', () => {
  test('untracked draft shows the switch off', async () => {
    installFakeOffice();
    renderPane();

    expect(await screen.findByText(text.stateOff)).toBeTruthy();
    expect(trackingSwitch().checked).toBe(false);
    expect(screen.getByText(text.honestyPixel)).toBeTruthy();
    expect(screen.getByText(text.honestyReceipts)).toBeTruthy();
  });

  test('tracked draft shows the switch on', async () => {
    installFakeOffice({ savedProperties: { trackingId: 'tid-saved' } });
    renderPane();

    expect(await screen.findByText(text.stateOn)).toBeTruthy();
    expect(trackingSwitch().checked).toBe(true);
  });

  test.each([
    ['plain-text draft', { bodyType: 'text' as const }, text.unavailable['plain-text']],
    [
      'Mailbox 1.9 missing',
      { supportedSets: ['Mailbox 1.3', 'Mailbox 1.8'] },
      text.unavailable['mailbox-1.9'],
    ],
    ['read item', { itemKind: 'read' as const }, text.unavailable['no-compose-item']],
  ])('%s says why tracking is not possible', async (_name, options, reason) => {
    installFakeOffice(options);
    renderPane();

    expect(await screen.findByText(reason)).toBeTruthy();
    expect(screen.getByText(text.unavailableTitle)).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  test('unreadable draft shows the Office failure', async () => {
    const office = installFakeOffice();
    office.draft.failing.add('body.getTypeAsync');
    renderPane();

    expect(await screen.findByText(failureText('office-call-failed'))).toBeTruthy();
    expect(screen.getByText(strings.common.errorCode('office-call-failed'))).toBeTruthy();
  });
});

describe('ComposePane tracking switch', () => {
  test('turning on registers and queues the pixel', async () => {
    const office = installFakeOffice();
    const { created } = renderPane();
    await screen.findByText(text.stateOff);

    fireEvent.click(trackingSwitch());

    expect(await screen.findByText(text.stateOn)).toBeTruthy();
    expect(trackingSwitch().checked).toBe(true);
    expect(created).toHaveLength(1);
    expect(office.draft.appended).toContain('/o/tid0000000000000000001.gif');
    expect(office.draft.savedProperties).toEqual({ trackingId: 'tid0000000000000000001' });
  });

  test('turning off clears the pixel and stops the message', async () => {
    const office = installFakeOffice({ savedProperties: { trackingId: 'tid-saved' } });
    office.draft.headers = { 'X-Readmark-Id': 'tid-saved', 'Disposition-Notification-To': 'me@example.com' };
    const { stopped } = renderPane();
    await screen.findByText(text.stateOn);

    fireEvent.click(trackingSwitch());

    expect(await screen.findByText(text.stateOff)).toBeTruthy();
    expect(office.draft.appendCalls).toEqual([null]);
    expect(office.draft.headers).toEqual({});
    expect(office.draft.savedProperties).toEqual({});
    expect(stopped).toEqual(['tid-saved']);
  });

  test('turning off with the server down warns', async () => {
    const office = installFakeOffice({ savedProperties: { trackingId: 'tid-saved' } });
    const api = fakeApi();
    api.api.updateTrackedMessage.mockRejectedValueOnce(new Error('server down'));
    renderPane({ tracking: api.dependencies });
    await screen.findByText(text.stateOn);

    fireEvent.click(trackingSwitch());

    expect(await screen.findByText(text.stopWarningServer)).toBeTruthy();
    expect(trackingSwitch().checked).toBe(false);
    expect(office.draft.appendCalls).toEqual([null]);
  });

  test('turning on with the server down keeps it off', async () => {
    const office = installFakeOffice();
    const api = createReadmarkApi({
      serverOrigin: 'https://readmark.example',
      getAccessToken: () => Promise.resolve('token'),
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    renderPane({ tracking: { api, newClientRequestId: () => 'request-1' } });
    await screen.findByText(text.stateOff);

    fireEvent.click(trackingSwitch());

    expect(await screen.findByText(failureText('api-unreachable'))).toBeTruthy();
    expect(screen.getByText(strings.common.errorCode('api-unreachable'))).toBeTruthy();
    expect(trackingSwitch().checked).toBe(false);
    expect(office.draft.appendCalls).toHaveLength(0);
  });

  test('switch is disabled while working', async () => {
    installFakeOffice();
    const api = fakeApi();
    let release: () => void = () => undefined;
    api.api.createTrackedMessage.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          release = () =>
            resolve({ id: 'tid1', pixelUrl: 'https://readmark.example/o/tid1.gif', createdAt: 'x' });
        }),
    );
    renderPane({ tracking: api.dependencies });
    await screen.findByText(text.stateOff);

    fireEvent.click(trackingSwitch());

    expect(await screen.findByText(text.stateWorking)).toBeTruthy();
    expect(trackingSwitch().disabled).toBe(true);
    await waitFor(() => expect(api.api.createTrackedMessage).toHaveBeenCalled());
    release();
    expect(await screen.findByText(text.stateOn)).toBeTruthy();
  });
});

describe('ComposePane read receipt option', () => {
  function receiptCheckbox(): HTMLInputElement {
    return screen.getByRole('checkbox', { name: text.receiptLabel });
  }

  test('success through Graph is reported', async () => {
    const office = installFakeOffice();
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const request = () =>
      requestReadReceipt({
        graphBaseUrl: 'https://graph.example/v1.0',
        getGraphToken: () => Promise.resolve('graph-token'),
        fetch: (url, init) => {
          calls.push({ url: url as string, init });
          return jsonResponse({ id: 'x', isReadReceiptRequested: true });
        },
      });
    renderPane({ requestReadReceipt: request });
    await screen.findByText(text.stateOff);

    fireEvent.click(receiptCheckbox());

    expect(await screen.findByText(text.receiptOn)).toBeTruthy();
    expect(receiptCheckbox().checked).toBe(true);
    expect(receiptCheckbox().disabled).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(
      `https://graph.example/v1.0/me/messages/${encodeURIComponent(`rest-${office.draft.savedItemId}`)}`,
    );
    expect(calls[0]?.init?.method).toBe('PATCH');
    expect(calls[0]?.init?.headers).toEqual(expect.objectContaining({ Authorization: 'Bearer graph-token' }));
    expect(JSON.parse(calls[0]?.init?.body as string)).toEqual({ isReadReceiptRequested: true });
  });

  test('unchecking withdraws the request through Graph', async () => {
    installFakeOffice();
    const bodies: unknown[] = [];
    const request = (requested: boolean) =>
      requestReadReceipt(
        {
          graphBaseUrl: 'https://graph.example/v1.0',
          getGraphToken: () => Promise.resolve('graph-token'),
          fetch: (_url, init) => {
            bodies.push(JSON.parse(init?.body as string));
            return jsonResponse({ id: 'x' });
          },
        },
        requested,
      );
    renderPane({ requestReadReceipt: request });
    await screen.findByText(text.stateOff);

    fireEvent.click(receiptCheckbox());
    await screen.findByText(text.receiptOn);
    fireEvent.click(receiptCheckbox());

    expect(await screen.findByText(text.receiptOff)).toBeTruthy();
    expect(receiptCheckbox().checked).toBe(false);
    expect(screen.queryByText(text.receiptOn)).toBeNull();
    expect(bodies).toEqual([{ isReadReceiptRequested: true }, { isReadReceiptRequested: false }]);
  });

  test('Graph failure shows the exact code', async () => {
    installFakeOffice();
    let calls = 0;
    const request = () =>
      requestReadReceipt({
        graphBaseUrl: 'https://graph.example/v1.0',
        getGraphToken: () => Promise.resolve('graph-token'),
        fetch: () => {
          calls += 1;
          return jsonResponse({ error: { code: 'ErrorAccessDenied', message: 'denied' } }, 403);
        },
      });
    renderPane({ requestReadReceipt: request });
    await screen.findByText(text.stateOff);

    fireEvent.click(receiptCheckbox());

    expect(await screen.findByText(text.receiptFailed)).toBeTruthy();
    expect(calls).toBe(1);
    expect(screen.getByText(failureText('graph-request-failed'))).toBeTruthy();
    expect(screen.getByText(strings.common.errorCode('graph-request-failed'))).toBeTruthy();
    expect(receiptCheckbox().checked).toBe(false);
  });

  test('draft save failure shows the Office code', async () => {
    const office = installFakeOffice();
    office.draft.failing.add('saveAsync');
    const fetch = jest.fn(() => jsonResponse({}));
    const request = () =>
      requestReadReceipt({
        graphBaseUrl: 'https://graph.example/v1.0',
        getGraphToken: () => Promise.resolve('graph-token'),
        fetch,
      });
    renderPane({ requestReadReceipt: request });
    await screen.findByText(text.stateOff);

    fireEvent.click(receiptCheckbox());

    expect(await screen.findByText(strings.common.errorCode('office-call-failed'))).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });
});
