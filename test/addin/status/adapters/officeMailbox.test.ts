/** @jest-environment jsdom */
import type { Logger } from '../../../../src/addin/logger';
import { createOfficeMailbox as createMailbox } from '../../../../src/addin/status/adapters/officeMailbox';
import { TRACKING_ID_PROPERTY } from '../../../../src/addin/tracking/marker';

const log: Logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
const createOfficeMailbox = () => createMailbox(log);

interface FakeItem {
  itemType: string;
  internetMessageId: string;
  dateTimeCreated: Date;
  loadCustomPropertiesAsync: (
    callback: (result: { status: string; value: { get(name: string): unknown } }) => void,
  ) => void;
}

function installOffice(options: { item: FakeItem | null; sets?: string[]; bodyBackgroundColor?: string }) {
  const settle = (...args: unknown[]) => {
    const callback = args.at(-1) as (result: { status: string }) => void;
    callback({ status: 'succeeded' });
  };
  const addHandlerAsync = jest.fn(settle);
  const removeHandlerAsync = jest.fn(settle);
  const sets = new Set(options.sets ?? ['1.5', '1.14']);
  (globalThis as { Office?: unknown }).Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { ItemChanged: 'olkItemSelectedChanged', OfficeThemeChanged: 'officeThemeChanged' },
    MailboxEnums: { ItemType: { Message: 'message', Appointment: 'appointment' } },
    context: {
      mailbox: { item: options.item, addHandlerAsync, removeHandlerAsync },
      requirements: { isSetSupported: (_name: string, version: string) => sets.has(version) },
      officeTheme: { bodyBackgroundColor: options.bodyBackgroundColor ?? '#ffffff' },
    },
  };
  return { addHandlerAsync, removeHandlerAsync };
}

function message(properties: Record<string, unknown> | null): FakeItem {
  return {
    itemType: 'message',
    internetMessageId: '<m@example.test>',
    dateTimeCreated: new Date('2026-03-10T10:00:00.000Z'),
    loadCustomPropertiesAsync: (callback) =>
      callback(
        properties === null
          ? { status: 'failed', value: { get: () => undefined } }
          : { status: 'succeeded', value: { get: (name) => properties[name] } },
      ),
  };
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

describe('createOfficeMailbox', () => {
  it('reads the tracking id, Internet Message-ID and creation time', async () => {
    installOffice({ item: message({ [TRACKING_ID_PROPERTY]: 'track-1' }) });
    await expect(createOfficeMailbox().getSelectedItem()).resolves.toEqual({
      trackingId: 'track-1',
      customPropertiesLoaded: true,
      internetMessageId: '<m@example.test>',
      createdAt: '2026-03-10T10:00:00.000Z',
    });
  });

  it('returns no tracking id when the custom properties cannot be loaded', async () => {
    installOffice({ item: message(null) });
    await expect(createOfficeMailbox().getSelectedItem()).resolves.toMatchObject({
      trackingId: null,
      customPropertiesLoaded: false,
    });
  });

  it('returns no tracking id for an item without the custom property', async () => {
    installOffice({ item: message({}) });
    await expect(createOfficeMailbox().getSelectedItem()).resolves.toMatchObject({
      trackingId: null,
      customPropertiesLoaded: true,
    });
  });

  it('returns null without a selected message', async () => {
    installOffice({ item: null });
    await expect(createOfficeMailbox().getSelectedItem()).resolves.toBeNull();
    installOffice({ item: { ...message({}), itemType: 'appointment' } });
    await expect(createOfficeMailbox().getSelectedItem()).resolves.toBeNull();
  });

  it('subscribes to ItemChanged where Mailbox 1.5 is supported', () => {
    const office = installOffice({ item: null });
    const listener = jest.fn();
    const unsubscribe = createOfficeMailbox().onSelectedItemChanged(listener);
    expect(office.addHandlerAsync).toHaveBeenCalledWith(
      'olkItemSelectedChanged',
      listener,
      expect.any(Function),
    );
    unsubscribe();
    expect(office.removeHandlerAsync).toHaveBeenCalledWith('olkItemSelectedChanged', expect.any(Function));
  });

  it('does not subscribe below Mailbox 1.5', () => {
    const office = installOffice({ item: null, sets: ['1.3'] });
    createOfficeMailbox().onSelectedItemChanged(jest.fn());
    expect(office.addHandlerAsync).not.toHaveBeenCalled();
  });

  it('reads the theme from the Office body colour', () => {
    installOffice({ item: null, bodyBackgroundColor: '#202020' });
    expect(createOfficeMailbox().getTheme()).toBe('dark');
    installOffice({ item: null, bodyBackgroundColor: '#202020', sets: ['1.5'] });
    expect(createOfficeMailbox().getTheme()).toBe('light');
  });
});
