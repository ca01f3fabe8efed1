// Managing mailboxes: create, rename and delete folders, subscribe and unsubscribe, export one as mbox, through the
// mailbox API (the same rules as IMAP CREATE, RENAME, DELETE, SUBSCRIBE). Refusals (a name that
// exists, a name IMAP does not take, INBOX) are shown in the dialog as the server words them.

import { api, ApiError, mailboxPath } from './api.js';
import { $, complain, say } from './dom.js';
import * as folders from './folders.js';

const MODES = {
  create: { title: 'New folder', button: 'Create', action: 'Creating the folder' },
  rename: { title: 'Rename folder', button: 'Rename', action: 'Renaming the folder' },
  delete: { title: 'Delete folder', button: 'Delete', action: 'Deleting the folder' },
};

let mode = 'create';
let target = null; // the mailbox renamed or deleted
let callbacks = { current: () => null, changed: async () => {} };

/**
 * @param handlers current() the open mailbox's id; changed(open) after a change, with the id of the
 *        mailbox to show then (null: stay)
 */
export function init(handlers) {
  callbacks = handlers;
  $('folder-new').addEventListener('click', () => show('create', null));
  $('folder-rename').addEventListener('click', () => show('rename', folders.byId(callbacks.current())));
  $('folder-delete').addEventListener('click', () => show('delete', folders.byId(callbacks.current())));
  $('folder-subscribed').addEventListener('change', (event) => subscribe(event.target.checked));
  $('folder-form').addEventListener('submit', (event) => { event.preventDefault(); submit(); });
  $('folder-cancel').addEventListener('click', () => $('folder-dialog').close());
}

/** The tools follow the open mailbox: INBOX cannot be deleted, the box shows its subscription. */
export function update(current) {
  const mailbox = folders.byId(current);
  $('folder-rename').disabled = !mailbox;
  $('folder-delete').disabled = !mailbox || mailbox.role === 'inbox';
  $('folder-subscribed').disabled = !mailbox;
  $('folder-subscribed').checked = Boolean(mailbox?.subscribed);
  $('folder-export').hidden = !mailbox;
  if (mailbox) {
    $('folder-export').href = `${mailboxPath(mailbox.id)}/export`;
    $('folder-export').download = `${mailbox.name.replaceAll('/', '-')}.mbox`;
  }
}

function show(next, mailbox) {
  if (next !== 'create' && !mailbox) return;
  mode = next;
  target = mailbox;
  const { title, button } = MODES[mode];
  $('folder-title').textContent = mailbox ? `${title} “${mailbox.name}”` : title;
  $('folder-ok').textContent = button;
  $('folder-ok').className = mode === 'delete' ? 'danger' : 'primary';
  $('folder-name-field').hidden = mode === 'delete';
  $('folder-hint').hidden = mode === 'delete';
  $('folder-name').value = mode === 'rename' ? mailbox.name : '';
  $('folder-question').textContent = mode === 'delete'
    ? `Delete “${mailbox.name}” and the ${mailbox.total} message${mailbox.total === 1 ? '' : 's'} in it? `
      + 'This cannot be undone. Folders inside it are kept.'
    : '';
  $('folder-error').textContent = '';
  $('folder-dialog').showModal();
  (mode === 'delete' ? $('folder-cancel') : $('folder-name')).focus();
}

async function submit() {
  const name = $('folder-name').value.trim();
  if (mode !== 'delete' && !name) {
    $('folder-error').textContent = 'Give the folder a name.';
    $('folder-name').focus();
    return;
  }
  $('folder-ok').disabled = true;
  try {
    let open = null;
    if (mode === 'create') {
      open = (await api('POST', '/api/mailboxes', { name })).id;
      // IMAP CREATE does not subscribe; a folder made here should show in the user's other clients too
      await api('PATCH', mailboxPath(open), { subscribed: true });
      say(`Folder ${name} created`);
    } else if (mode === 'rename') {
      open = (await api('PATCH', mailboxPath(target.id), { name })).id;
      say(`Folder renamed to ${name}`);
    } else {
      await api('DELETE', mailboxPath(target.id));
      open = folders.withRole('inbox')?.id ?? null;
      say(`Folder ${target.name} deleted`);
    }
    $('folder-dialog').close();
    await callbacks.changed(open);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      $('folder-error').textContent = `${MODES[mode].action} failed: ${error.message}`;
    }
  } finally {
    $('folder-ok').disabled = false;
  }
}

async function subscribe(on) {
  const mailbox = folders.byId(callbacks.current());
  if (!mailbox) return;
  try {
    await api('PATCH', mailboxPath(mailbox.id), { subscribed: on });
    say(on ? `Subscribed to ${mailbox.name}` : `Unsubscribed from ${mailbox.name}`);
    await callbacks.changed(null);
  } catch (error) {
    $('folder-subscribed').checked = !on;
    if (!(error instanceof ApiError && error.status === 401)) {
      complain(`${on ? 'Subscribing' : 'Unsubscribing'} failed: ${error.message}`);
    }
  }
}
