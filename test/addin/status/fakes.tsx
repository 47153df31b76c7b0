import { configure, fireEvent, render, type RenderResult } from '@testing-library/react';
import type {
  Open,
  OpenKind,
  TrackedMessage,
  TrackedMessageDetail,
  TrackedMessageList,
} from '../../../src/shared/api';
import { StatusApp } from '../../../src/addin/status/StatusApp';
import type {
  GraphPort,
  MailboxPort,
  SelectedItem,
  StatusApi,
  StatusPorts,
  ThemeKind,
} from '../../../src/addin/status/ports';

// jsdom has no ResizeObserver; Fluent's MessageBar measures itself with one. Outlook's web views have it.
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  (window as { ResizeObserver?: unknown }).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

// Fluent renders slowly in jsdom on a shared two-core machine; the default of one second is too tight.
configure({ asyncUtilTimeout: 5000 });

/** 2026-03-10T12:00:00Z, the fixed "now" of every pane test. */
export const NOW_MS = Date.parse('2026-03-10T12:00:00.000Z');

export function hoursAgo(hours: number): string {
  return new Date(NOW_MS - hours * 3600 * 1000).toISOString();
}

export function makeMessage(overrides: Partial<TrackedMessage> & { id: string }): TrackedMessage {
  return {
    subject: `Subject ${overrides.id}`,
    recipientCount: 2,
    internetMessageId: `<${overrides.id}@example.test>`,
    sentAt: hoursAgo(24),
    createdAt: hoursAgo(24),
    lastActivityAt: hoursAgo(1),
    stoppedAt: null,
    readReceiptRequested: null,
    opens: openSummary({}),
    receipts: { read: 0, notRead: 0, other: 0 },
    ...overrides,
  };
}

export function openSummary(
  counts: Partial<Record<OpenKind, number>>,
  times?: { first: string; last: string },
) {
  const full: Record<OpenKind, number> = {
    human: 0,
    'human-via-proxy': 0,
    prefetch: 0,
    scanner: 0,
    self: 0,
    unknown: 0,
    ...counts,
  };
  const peopleOpens = full.human + full['human-via-proxy'];
  return {
    firstOpenAt: peopleOpens > 0 ? (times?.first ?? hoursAgo(20)) : null,
    lastOpenAt: peopleOpens > 0 ? (times?.last ?? hoursAgo(2)) : null,
    counts: full,
    peopleOpens,
    automatedOpens: full.prefetch + full.scanner,
    selfViews: full.self,
  };
}

export function makeOpen(kind: OpenKind, at: string, reasons: string[] = [], confidence = 0.9): Open {
  return {
    at,
    method: 'GET',
    userAgent: 'Test agent',
    clientNetwork: '192.0.2.0/24',
    kind,
    confidence,
    reasons,
    counted: true,
  };
}

export function makeDetail(
  message: TrackedMessage,
  extra: Partial<TrackedMessageDetail> = {},
): TrackedMessageDetail {
  return { ...message, recentOpens: [], nextOpensCursor: null, receiptList: [], ...extra };
}

export function page(items: TrackedMessage[], nextCursor: string | null = null): TrackedMessageList {
  return { items, nextCursor };
}

export type FakeApi = {
  [K in keyof StatusApi]: jest.Mock<ReturnType<StatusApi[K]>, Parameters<StatusApi[K]>>;
};

export function fakeApi(): FakeApi {
  return {
    list: jest.fn().mockResolvedValue(page([])),
    get: jest.fn().mockRejectedValue(new Error('get not stubbed')),
    listOpens: jest.fn().mockResolvedValue({ items: [], nextCursor: null }),
    findByInternetMessageId: jest.fn().mockResolvedValue(null),
    stop: jest.fn(),
    delete: jest.fn().mockResolvedValue(undefined),
    linkSent: jest.fn(),
    reportView: jest.fn().mockResolvedValue(undefined),
  };
}

/** A mailbox whose selection and theme the test changes, firing the pane's listeners. */
export class FakeMailbox implements MailboxPort {
  selected: SelectedItem | null = null;
  theme: ThemeKind = 'light';
  private itemListeners = new Set<() => void>();
  private themeListeners = new Set<(theme: ThemeKind) => void>();

  getSelectedItem = jest.fn(() => Promise.resolve(this.selected));

  onSelectedItemChanged(listener: () => void): () => void {
    this.itemListeners.add(listener);
    return () => this.itemListeners.delete(listener);
  }

  getTheme(): ThemeKind {
    return this.theme;
  }

  onThemeChanged(listener: (theme: ThemeKind) => void): () => void {
    this.themeListeners.add(listener);
    return () => this.themeListeners.delete(listener);
  }

  /** Selects another item, as Outlook does before it fires ItemChanged. */
  select(item: SelectedItem | null): void {
    this.selected = item;
    for (const listener of this.itemListeners) listener();
  }

  changeTheme(theme: ThemeKind): void {
    this.theme = theme;
    for (const listener of this.themeListeners) listener(theme);
  }

  get itemListenerCount(): number {
    return this.itemListeners.size;
  }
}

export interface PaneHarness {
  api: FakeApi;
  mailbox: FakeMailbox;
  graph: {
    listSentItems: jest.Mock<ReturnType<GraphPort['listSentItems']>, Parameters<GraphPort['listSentItems']>>;
  } | null;
  signIn: jest.Mock<Promise<void>, []>;
  ports: StatusPorts;
}

export function harness(options: { graph?: boolean } = {}): PaneHarness {
  const api = fakeApi();
  const mailbox = new FakeMailbox();
  const graph = options.graph === true ? { listSentItems: jest.fn().mockResolvedValue([]) } : null;
  const signIn = jest.fn<Promise<void>, []>().mockResolvedValue(undefined);
  const ports: StatusPorts = {
    api,
    mailbox,
    graph,
    logger: { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() },
    signIn,
    now: () => NOW_MS,
  };
  return { api, mailbox, graph, signIn, ports };
}

export function renderPane(h: PaneHarness): RenderResult {
  return render(<StatusApp ports={h.ports} />);
}

/** Sets `document.visibilityState` and fires `visibilitychange`, as a browser does. */
export function setPageVisible(visible: boolean): void {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (visible ? 'visible' : 'hidden'),
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Focuses and clicks an element, as a browser does on a mouse click (jsdom's click moves no focus). */
export function press(element: HTMLElement): void {
  element.focus();
  fireEvent.click(element);
}
