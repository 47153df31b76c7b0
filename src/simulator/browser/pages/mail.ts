/**
 * A simulated mailbox view: Outlook's Sent Items and inbox for the sender, simple webmail for
 * the recipient. The message HTML is rendered with images, so the pixel is fetched as a mail
 * client would fetch it. The "Open status" pane is the real add-in page, pinned, following the
 * selection through `ItemChanged`.
 */
import { OfficeHost, redeemHostToken } from '../office/hostController';
import type { ReadItemSnapshot } from '../office/protocol';
import { addinIdOf, hostContext, loadSession, postJson, type PageSession } from './session';

interface MessageSummary {
  id: string;
  ewsId: string;
  internetMessageId: string | null;
  subject: string;
  from: { name: string; address: string } | null;
  to: { name: string; address: string }[];
  sentAt: string | null;
  receivedAt: string | null;
  isRead: boolean;
  messageClass: string;
  readReceiptRequested: boolean;
  /** Address a read receipt goes to, or null when none was requested. */
  dispositionTo: string | null;
  readReceiptSent: boolean;
}

interface MessageDetail extends MessageSummary {
  body: string;
  bodyType: 'html' | 'text';
  customProperties: Record<string, Record<string, unknown>>;
}

const query = new URLSearchParams(window.location.search);
const user = query.get('user') ?? '';
const folder = query.get('folder') ?? 'inbox';
let selected: MessageDetail | null = null;
let statusHost: OfficeHost | null = null;

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

async function start(): Promise<void> {
  const session = await loadSession();
  element<HTMLSpanElement>('folders').innerHTML = ['inbox', 'sentitems']
    .map(
      (name) =>
        `<a href="?user=${encodeURIComponent(user)}&folder=${name}">${name === 'inbox' ? 'Inbox' : 'Sent Items'}</a>`,
    )
    .join(' · ');
  await refreshList(session);
  wireActions(session);
  updateActions();
  if (folder === 'sentitems' && sessionStorage.getItem(PINNED_KEY) === user) openStatusPane(session);
  document.body.dataset.ready = 'true';
}

async function refreshList(session: PageSession): Promise<void> {
  const response = await fetch(`/sim/api/folders?user=${encodeURIComponent(user)}&folder=${folder}`);
  const { messages } = (await response.json()) as { messages: MessageSummary[] };
  const list = element<HTMLUListElement>('messages');
  list.innerHTML = '';
  for (const message of messages) {
    const entry = document.createElement('li');
    entry.setAttribute('role', 'option');
    entry.setAttribute('aria-selected', String(message.id === selected?.id));
    entry.dataset.id = message.id;
    entry.className = message.isRead ? '' : 'unread';
    const who =
      folder === 'sentitems' ? message.to.map((to) => to.address).join(', ') : (message.from?.address ?? '');
    entry.textContent = `${message.subject || '(no subject)'} — ${who}`;
    entry.addEventListener('click', () => void select(session, message.id));
    list.appendChild(entry);
  }
}

async function select(session: PageSession, id: string): Promise<void> {
  const response = await fetch(
    `/sim/api/messages/${encodeURIComponent(id)}?user=${encodeURIComponent(user)}`,
  );
  selected = (await response.json()) as MessageDetail;
  if (!selected.isRead) await postJson(`/sim/api/messages/${encodeURIComponent(id)}/read`, {});
  renderReading(selected);
  await refreshList(session);
  updateActions();
  statusHost?.itemChanged(snapshot(selected));
}

function renderReading(message: MessageDetail): void {
  const reading = element<HTMLElement>('reading');
  reading.innerHTML = '';
  const heading = document.createElement('h2');
  heading.textContent = message.subject || '(no subject)';
  const meta = document.createElement('p');
  meta.className = 'muted';
  meta.textContent = `From ${message.from?.address ?? ''} to ${message.to.map((to) => to.address).join(', ')}`;
  const frame = document.createElement('iframe');
  frame.title = 'Message body';
  // No scripts in mail; images load, as in a mail client that shows remote content.
  frame.setAttribute('sandbox', '');
  if (message.bodyType === 'html') frame.srcdoc = message.body;
  else frame.srcdoc = `<pre>${message.body.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`)}</pre>`;
  reading.append(heading, meta, frame);
}

function updateActions(): void {
  // The recipient's actions make no sense in Sent Items, nor on a report that came back.
  const inFolder = folder === 'inbox';
  for (const id of ['receipt', 'delete-unread', 'proxy-open'])
    element<HTMLButtonElement>(id).hidden = !inFolder;
  const mail = inFolder && selected !== null && !selected.messageClass.toUpperCase().startsWith('REPORT.');
  element<HTMLButtonElement>('receipt').disabled = !(
    mail &&
    selected?.readReceiptRequested &&
    !selected.readReceiptSent
  );
  element<HTMLButtonElement>('delete-unread').disabled = !mail;
  element<HTMLButtonElement>('proxy-open').disabled = !mail;
}

/** Confirmation each recipient action shows to the person who clicked it. */
const ACTION_DONE: Record<string, (message: MessageDetail) => string> = {
  receipt: (message) => `Read receipt sent to ${message.dispositionTo ?? 'the sender'}.`,
  'delete-unread': () => 'Deleted unread; a "not read" receipt went back if one was requested.',
  'proxy-open': () => 'The image was fetched once more, through the simulated Gmail image proxy.',
};

function wireActions(session: PageSession): void {
  const act = (id: string, path: string, after: () => Promise<void> | void): void => {
    element<HTMLButtonElement>(id).addEventListener('click', () => {
      if (!selected) return;
      const message = selected;
      void postJson(`/sim/api/messages/${encodeURIComponent(message.id)}/${path}`, {}).then(async () => {
        element<HTMLSpanElement>('action-status').textContent = ACTION_DONE[id]?.(message) ?? '';
        document.body.dataset.lastAction = id;
        await after();
      });
    });
  };
  act('receipt', 'receipt', () => {
    if (selected) selected.readReceiptSent = true;
    updateActions();
  });
  act('delete-unread', 'delete-unread', async () => {
    selected = null;
    element<HTMLElement>('reading').innerHTML = '<p class="muted">Deleted.</p>';
    await refreshList(session);
    updateActions();
  });
  act('proxy-open', 'proxy-open', () => undefined);

  const openStatus = element<HTMLButtonElement>('open-status');
  if (session.addin && folder === 'sentitems') openStatus.hidden = false;
  openStatus.addEventListener('click', () => openStatusPane(session));
}

/** Session storage key that keeps the status pane pinned for a user across folder changes, as Outlook does. */
const PINNED_KEY = 'readmark-simulator-pinned-pane';

function openStatusPane(session: PageSession): void {
  if (!session.addin || statusHost) return;
  sessionStorage.setItem(PINNED_KEY, user);
  const pane = element<HTMLElement>('statuspane');
  const frame = document.createElement('iframe');
  frame.title = 'Open status';
  frame.src = session.addin.readPaneUrl;
  statusHost = new OfficeHost(frame, {
    context: () => hostContext(session, selected ? snapshot(selected) : null),
    handlers: {
      'customProperties.load': () => selected?.customProperties[addinIdOf(session)] ?? {},
      'customProperties.save': async (values) => {
        if (!selected) return;
        await postJson(`/sim/api/messages/${encodeURIComponent(selected.id)}/custom-properties`, {
          addinId: addinIdOf(session),
          values,
        });
      },
    },
    requestToken: (scope, clientId) =>
      redeemHostToken(session.tokenEndpoint, session.refreshToken, scope, clientId),
  });
  pane.appendChild(frame);
  pane.classList.add('open');
  document.body.dataset.statusPane = 'open';
}

function snapshot(message: MessageDetail): ReadItemSnapshot {
  return {
    mode: 'read',
    itemType: 'message',
    itemId: message.ewsId,
    internetMessageId: message.internetMessageId ?? '',
    subject: message.subject,
    from: message.from ? { emailAddress: message.from.address, displayName: message.from.name } : null,
    to: message.to.map((to) => ({ emailAddress: to.address, displayName: to.name })),
    dateTimeCreated: message.sentAt ?? message.receivedAt ?? new Date().toISOString(),
  };
}

void start();
