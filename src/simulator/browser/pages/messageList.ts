/**
 * The message list of the simulated mail page. Each row is a button that opens the message and,
 * for unread mail in the inbox, a "Delete unread" button that deletes it without rendering it,
 * like the delete button on a row of Outlook on the web's message list. Both are native buttons,
 * so Tab, Enter and Space work.
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

/** Replaces the rows of `list`. */
export function renderMessageList(list: HTMLElement, rows: MessageRow[], actions: MessageRowActions): void {
  list.replaceChildren(...rows.map((row) => rowElement(row, actions)));
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
