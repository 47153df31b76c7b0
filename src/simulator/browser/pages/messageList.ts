/**
 * The message list of the simulated mail page. Each row is a button that opens the message and,
 * for unread mail in the inbox, a "Delete unread" button that deletes it without rendering it,
 * like the delete button on a row of Outlook on the web's message list. Both are native buttons,
 * so Tab, Enter and Space work, and the arrow keys, Home and End move between rows.
 */

/** One row of the list, as the page wants it shown. */
export interface MessageRow {
  id: string;
  subject: string;
  /** Recipients in Sent Items, the sender elsewhere. */
  correspondents: string;
  isRead: boolean;
  isSelected: boolean;
  /** Whether the row offers "Delete unread". */
  canDeleteUnread: boolean;
}

export interface MessageRowActions {
  open(id: string): void;
  deleteUnread(id: string): void;
}

/**
 * Replaces the rows of `list`. When focus was inside the list, it moves to the same message's
 * open button, or to the row that took the place of a removed one, so a keyboard user keeps
 * their place after a re-render.
 */
export function renderMessageList(list: HTMLElement, rows: MessageRow[], actions: MessageRowActions): void {
  const focused = document.activeElement;
  const focusedRow = focused && list.contains(focused) ? focused.closest<HTMLElement>('li') : null;
  const focusedIndex = focusedRow ? [...list.children].indexOf(focusedRow) : -1;
  const focusedId = focusedRow?.dataset.id;

  list.replaceChildren(...rows.map((row) => rowElement(row, actions)));

  if (focusedIndex < 0 || rows.length === 0) return;
  const sameRow = rows.findIndex((row) => row.id === focusedId);
  const index = sameRow >= 0 ? sameRow : Math.min(focusedIndex, rows.length - 1);
  openButtons(list)[index]?.focus();
}

function rowElement(row: MessageRow, actions: MessageRowActions): HTMLLIElement {
  const subject = row.subject || '(no subject)';
  const entry = document.createElement('li');
  entry.dataset.id = row.id;
  entry.classList.toggle('unread', !row.isRead);
  entry.classList.toggle('selected', row.isSelected);

  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'message';
  if (row.isSelected) open.setAttribute('aria-current', 'true');
  if (!row.isRead) {
    // Bold type alone does not reach a screen reader.
    const unread = document.createElement('span');
    unread.className = 'visually-hidden';
    unread.textContent = 'Unread: ';
    open.append(unread);
  }
  open.append(`${subject} — ${row.correspondents}`);
  open.addEventListener('click', () => actions.open(row.id));
  entry.append(open);

  if (row.canDeleteUnread) {
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'row-action';
    remove.dataset.action = 'delete-unread';
    remove.textContent = 'Delete unread';
    remove.setAttribute('aria-label', `Delete unread: ${subject}`);
    remove.addEventListener('click', () => actions.deleteUnread(row.id));
    entry.append(remove);
  }
  return entry;
}

function openButtons(list: HTMLElement): HTMLButtonElement[] {
  return [...list.querySelectorAll<HTMLButtonElement>('li > button.message')];
}

/** Moves focus between rows with the arrow keys, Home and End. Call once per list. */
export function enableRowKeys(list: HTMLElement): void {
  list.addEventListener('keydown', (event) => {
    const buttons = openButtons(list);
    const row = (event.target as HTMLElement).closest('li');
    const current = buttons.findIndex((button) => button.parentElement === row);
    const targets: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    const target = targets[event.key];
    if (target === undefined || current < 0) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(target, buttons.length - 1))]?.focus();
  });
}
