/**
 * A simulated mailbox view: Outlook's Sent Items and inbox for the sender, simple webmail for
 * the recipient. Opening a message renders its HTML with images, so the pixel is fetched as a mail
 * client would fetch it. "Delete unread" in the list deletes a message without rendering it. The
 * "Open status" pane is the real add-in page, pinned, following the selection through `ItemChanged`.
 */
import { OfficeHost, redeemHostToken } from '../office/hostController';
import type { ReadItemSnapshot } from '../office/protocol';
import { enableRowKeys, renderMessageList, type MessageRow } from './messageList';
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

/** Display names of the folders that `/sim/api/folders` lists, as Outlook names them. */
const FOLDER_LABELS: Record<string, string> = {
  inbox: 'Inbox',
  sentitems: 'Sent Items',
  drafts: 'Drafts',
  deleteditems: 'Deleted Items',
};

const query = new URLSearchParams(window.location.search);
const user = query.get('user') ?? '';
// The folder API falls back to the inbox for an unknown name, and so does the page.
const folder = Object.hasOwn(FOLDER_LABELS, query.get('folder') ?? '')
  ? (query.get('folder') as string)
  : 'inbox';
const folderLabel = FOLDER_LABELS[folder] ?? 'Inbox';
let selected: MessageDetail | null = null;
let listed: MessageSummary[] = [];
let statusHost: OfficeHost | null = null;

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

async function start(): Promise<void> {
  const session = await loadSession();
  const title = `${session.user.address} — ${folderLabel}`;
  element<HTMLSpanElement>('page-title').textContent = title;
  document.title = `${title} — Readmark simulator`;
  element<HTMLSpanElement>('folders').innerHTML = ['inbox', 'sentitems']
    .map(
      (name) =>
        `<a href="?user=${encodeURIComponent(user)}&folder=${name}">${name === 'inbox' ? 'Inbox' : 'Sent Items'}</a>`,
    )
    .join(' · ');
  enableRowKeys(element<HTMLUListElement>('messages'));
  await refreshList(session);
  wireActions(session);
  updateActions();
  if (folder === 'sentitems' && sessionStorage.getItem(PINNED_KEY) === user) openStatusPane(session);
  document.body.dataset.ready = 'true';
}

function isReport(message: MessageSummary): boolean {
  return message.messageClass.toUpperCase().startsWith('REPORT.');
}

async function refreshList(session: PageSession): Promise<void> {
  const response = await fetch(`/sim/api/folders?user=${encodeURIComponent(user)}&folder=${folder}`);
  const { messages } = (await response.json()) as { messages: MessageSummary[] };
  listed = messages;
  const rows = messages.map((message): MessageRow => ({
    id: message.id,
    subject: message.subject,
    correspondents:
      folder === 'sentitems' ? message.to.map((to) => to.address).join(', ') : (message.from?.address ?? ''),
    isRead: message.isRead,
    isSelected: message.id === selected?.id,
    // A message that was rendered, or whose read receipt was sent, was read, so it cannot be
    // deleted unread. Reports (receipts that came back) get no recipient actions.
    canDeleteUnread: folder === 'inbox' && !message.isRead && !message.readReceiptSent && !isReport(message),
  }));
  renderMessageList(element<HTMLUListElement>('messages'), rows, {
    open: (id) => void select(session, id),
    deleteUnread: (id) => void deleteUnread(session, id),
  });
  if (!selected)
    renderPlaceholder(messages.length === 0 ? `${folderLabel} is empty.` : 'Select a message to read it.');
}

function renderPlaceholder(text: string): void {
  const note = document.createElement('p');
  note.className = 'muted';
  note.textContent = text;
  element<HTMLElement>('reading').replaceChildren(note);
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
  for (const id of ['receipt', 'proxy-open']) element<HTMLButtonElement>(id).hidden = !inFolder;
  const mail = inFolder && selected !== null && !isReport(selected);
  element<HTMLButtonElement>('receipt').disabled = !(
    mail &&
    selected?.readReceiptRequested &&
    !selected.readReceiptSent
  );
  element<HTMLButtonElement>('proxy-open').disabled = !mail;
}

/** Confirmation each ribbon action shows to the person who clicked it. */
const ACTION_DONE: Record<string, (message: MessageDetail) => string> = {
  receipt: (message) => `Read receipt sent to ${message.dispositionTo ?? 'the sender'}.`,
  'proxy-open': () => 'The image was fetched once more, through the simulated Gmail image proxy.',
};

function showActionStatus(action: string, text: string): void {
  element<HTMLSpanElement>('action-status').textContent = text;
  document.body.dataset.lastAction = action;
}

/** Deletes a listed message without rendering it, so its pixel is never fetched. */
async function deleteUnread(session: PageSession, id: string): Promise<void> {
  const message = listed.find((candidate) => candidate.id === id);
  const subject = `"${message?.subject || '(no subject)'}"`;
  try {
    const { receiptMessageId } = await postJson<{ receiptMessageId: string | null }>(
      `/sim/api/messages/${encodeURIComponent(id)}/delete-unread`,
      {},
    );
    showActionStatus(
      'delete-unread',
      receiptMessageId === null
        ? `Deleted ${subject} unread. No read receipt was requested.`
        : `Deleted ${subject} unread and sent a "not read" receipt to ${message?.dispositionTo ?? 'the sender'}.`,
    );
  } catch (error) {
    showActionStatus(
      'delete-unread-failed',
      `Deleting ${subject} unread failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  await refreshList(session);
}

function wireActions(session: PageSession): void {
  const act = (id: string, path: string, after: () => void): void => {
    element<HTMLButtonElement>(id).addEventListener('click', () => {
      if (!selected) return;
      const message = selected;
      void postJson(`/sim/api/messages/${encodeURIComponent(message.id)}/${path}`, {}).then(() => {
        showActionStatus(id, ACTION_DONE[id]?.(message) ?? '');
        after();
      });
    });
  };
  act('receipt', 'receipt', () => {
    if (selected) selected.readReceiptSent = true;
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
