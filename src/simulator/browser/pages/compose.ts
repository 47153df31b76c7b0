/** The simulated Outlook compose window: fields, the add-in's ribbon buttons and Send. */
import { OfficeHost, redeemHostToken } from '../office/hostController';
import { ComposeItem } from './composeItem';
import { hostContext, loadSession, postJson, type PageSession } from './session';

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

async function start(): Promise<void> {
  const session = await loadSession();
  const body = element<HTMLDivElement>('body');
  const format = element<HTMLSelectElement>('format');
  element<HTMLInputElement>('from').value = `${session.user.displayName} <${session.user.address}>`;

  const item = new ComposeItem(
    session,
    {
      to: () => element<HTMLInputElement>('to').value,
      cc: () => element<HTMLInputElement>('cc').value,
      subject: () => element<HTMLInputElement>('subject').value,
      bodyType: () => (format.value === 'text' ? 'text' : 'html'),
      bodyHtml: () => body.innerHTML,
      bodyText: () => body.innerText,
    },
    () => renderNotifications(item),
  );

  addRibbonButtons(session, item);
  element<HTMLButtonElement>('send').addEventListener('click', () => void send(item));
  document.body.dataset.ready = 'true';
}

function hostFor(frame: HTMLIFrameElement, session: PageSession, item: ComposeItem): OfficeHost {
  return new OfficeHost(frame, {
    context: () => hostContext(session, { mode: 'compose', itemType: 'message' }),
    handlers: item.handlers(),
    requestToken: (scope, clientId) =>
      redeemHostToken(session.tokenEndpoint, session.refreshToken, scope, clientId),
  });
}

function addRibbonButtons(session: PageSession, item: ComposeItem): void {
  const ribbon = element<HTMLDivElement>('ribbon');
  if (!session.addin) {
    ribbon.insertAdjacentHTML(
      'beforeend',
      '<span class="muted">The add-in manifest is not built yet: run npm run build.</span>',
    );
    return;
  }
  for (const button of session.addin.composeButtons) {
    const control = document.createElement('button');
    control.textContent = button.label;
    control.dataset.addinButton = button.label;
    control.addEventListener('click', () => {
      if (button.action === 'ExecuteFunction')
        void runFunctionCommand(session, item, button.functionName, control);
      else openTaskpane(session, item, button.url);
    });
    ribbon.appendChild(control);
  }
}

// Outlook loads the function file in a hidden frame for each command and drops it afterwards.
async function runFunctionCommand(
  session: PageSession,
  item: ComposeItem,
  name: string,
  control: HTMLButtonElement,
): Promise<void> {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = 'Add-in function file';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = session.addin?.functionFileUrl ?? '';
  const host = hostFor(frame, session, item);
  document.body.appendChild(frame);
  control.dataset.commandState = 'running';
  await loaded;
  await host.invokeAction(name);
  control.dataset.commandState = 'completed';
  host.dispose();
  frame.remove();
}

let taskpaneHost: OfficeHost | null = null;

function closeTaskpane(): void {
  const pane = element<HTMLElement>('taskpane');
  taskpaneHost?.dispose();
  taskpaneHost = null;
  pane.innerHTML = '';
  pane.classList.remove('open');
}

function openTaskpane(session: PageSession, item: ComposeItem, url: string): void {
  const pane = element<HTMLElement>('taskpane');
  closeTaskpane();
  const frame = document.createElement('iframe');
  frame.title = 'Add-in task pane';
  frame.src = url;
  taskpaneHost = hostFor(frame, session, item);
  pane.appendChild(frame);
  pane.classList.add('open');
}

function renderNotifications(item: ComposeItem): void {
  const list = element<HTMLUListElement>('notifications');
  list.innerHTML = '';
  for (const [key, details] of item.notifications) {
    const entry = document.createElement('li');
    entry.className = details.type;
    entry.dataset.key = key;
    entry.textContent = details.message ?? '';
    list.appendChild(entry);
  }
}

async function send(item: ComposeItem): Promise<void> {
  const status = element<HTMLParagraphElement>('status');
  const button = element<HTMLButtonElement>('send');
  button.disabled = true;
  try {
    const sent = await postJson<{ internetMessageId: string }>('/sim/api/send', {
      draftId: item.draftId,
      draft: item.content(),
    });
    status.textContent = `Sent. Message-ID ${sent.internetMessageId}`;
    showSent();
    document.body.dataset.sent = sent.internetMessageId;
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
    button.disabled = false;
  }
}

/**
 * Ends the draft after a successful send. Outlook closes the compose window with its task pane,
 * so the page locks every field and button, closes the pane and offers a link to a new draft.
 */
function showSent(): void {
  const title = 'Outlook — Message sent';
  element<HTMLSpanElement>('page-title').textContent = title;
  document.title = `${title} — Readmark simulator`;

  const controls = document.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>(
    '#ribbon button, .compose input, .compose select',
  );
  for (const control of controls) control.disabled = true;
  const body = element<HTMLDivElement>('body');
  body.contentEditable = 'false';
  body.setAttribute('aria-readonly', 'true');
  closeTaskpane();

  // The same address starts a fresh draft for the same user and client.
  const link = element<HTMLAnchorElement>('new-message');
  link.href = `${window.location.pathname}${window.location.search}`;
  element<HTMLParagraphElement>('sent-next').hidden = false;
  // The Send button that had focus is now disabled, so focus moves to the next step, not the page.
  link.focus();
}

void start();
