// The webmail page: log in, then three panes (mailboxes, messages, the open message), kept current by
// the server's events; everything through the user API with the session cookie.

import { api, ApiError, mailboxPath, onUnauthorized, rememberSession } from './api.js';
import * as compose from './compose.js';
import { $, complain, say, typing } from './dom.js';
import * as folderActions from './folder-actions.js';
import * as folders from './folders.js';
import { searchParameters } from './format.js';
import * as list from './messages.js';
import * as reader from './reader.js';

let account = null;
let events = null;
let refreshTimer = null;

function showLogin(message) {
  account = null;
  events?.close();
  events = null;
  $('live').hidden = true;
  $('mail-view').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message || '';
  $('login-password').value = '';
  $('login-address').focus();
}

async function start(session) {
  rememberSession(session);
  account = session.address;
  $('account-address').textContent = account;
  $('login-view').hidden = true;
  $('mail-view').hidden = false;
  complain('');
  await folders.load();
  const inbox = folders.withRole('inbox') || folders.all()[0];
  listen();
  if (inbox) await openMailbox(inbox.id);
}

/** Reports a failed action; a lost session has already brought the login back. */
function failed(action, error) {
  if (error instanceof ApiError && error.status === 401) return;
  complain(`${action} failed: ${error.message}`);
}

async function guarded(action, work) {
  try {
    await work();
  } catch (error) {
    failed(action, error);
  }
}

// --- mailboxes and messages -------------------------------------------------

async function openMailbox(id) {
  const mailbox = folders.byId(id);
  $('list-title').textContent = mailbox ? folders.label(mailbox) : '';
  folders.render(id, (next) => guarded('Opening the mailbox', () => openMailbox(next)));
  folders.fillMoveTargets($('move-target'), id);
  folders.fillMoveTargets($('reader-move'), id);
  folderActions.update(id);
  reader.clear();
  await list.show(id);
}

async function openMessage(uid) {
  await guarded('Opening the message', async () => {
    list.markOpen(uid);
    const detail = await reader.show(list.state.mailbox, uid);
    $('edit-draft').hidden = !(detail.flags.includes('\\Draft') && folders.byId(list.state.mailbox)?.role === 'drafts');
    if (!detail.flags.includes('\\Seen')) await setFlag([uid], '\\Seen', true);
  });
}

async function refreshFolders() {
  await folders.load();
  folders.render(list.state.mailbox, (next) => guarded('Opening the mailbox', () => openMailbox(next)));
  folderActions.update(list.state.mailbox);
}

/** After a mailbox was created, renamed, deleted or (un)subscribed: {@code open} is shown, else the current one. */
async function foldersChanged(open) {
  await folders.load();
  const next = open !== null && folders.byId(open) ? open
    : folders.byId(list.state.mailbox) ? null : (folders.withRole('inbox') || folders.all()[0])?.id ?? null;
  if (next !== null) {
    await openMailbox(next);
  } else {
    await refreshFolders();
    folders.fillMoveTargets($('move-target'), list.state.mailbox);
    folders.fillMoveTargets($('reader-move'), list.state.mailbox);
  }
}

/** Adds or removes a flag on messages of the open mailbox, and shows the new flags. */
async function setFlag(uids, flag, on) {
  if (!uids.length) return;
  const change = on ? { add: [flag] } : { remove: [flag] };
  const answer = await api('POST', `${mailboxPath(list.state.mailbox)}/messages/flags`, { uids, ...change });
  for (const { uid, flags } of answer) {
    list.update(uid, { flags, seen: flags.includes('\\Seen'), flagged: flags.includes('\\Flagged') });
    if (reader.open()?.detail.uid === uid) reader.setFlags(flags);
  }
  if (flag === '\\Seen') await refreshFolders();
}

async function move(uids, target) {
  if (!uids.length || !target) return;
  await api('POST', `${mailboxPath(list.state.mailbox)}/messages/move`, { uids, target: String(target) });
  afterRemoval(uids);
  say(`${uids.length === 1 ? 'Message' : `${uids.length} messages`} moved to ${folders.label(folders.byId(Number(target)))}`);
}

async function remove(uids) {
  if (!uids.length) return;
  const answer = await api('POST', `${mailboxPath(list.state.mailbox)}/messages/delete`, { uids });
  afterRemoval(uids);
  const what = uids.length === 1 ? 'Message' : `${uids.length} messages`;
  say(answer.movedToTrash ? `${what} moved to Trash` : `${what} deleted`);
}

function afterRemoval(uids) {
  if (uids.includes(reader.open()?.detail.uid)) reader.clear();
  list.state.selected.clear();
  guarded('Refreshing', async () => {
    await list.reload();
    await refreshFolders();
  });
}

const bulk = {
  read: () => setFlag(list.targets(), '\\Seen', true),
  unread: () => setFlag(list.targets(), '\\Seen', false),
  flag: () => setFlag(list.targets(), '\\Flagged', true),
  unflag: () => setFlag(list.targets(), '\\Flagged', false),
  delete: () => remove(list.targets()),
};

// --- the open message ---------------------------------------------------------

function openDetail() {
  return reader.open()?.detail;
}

async function replyTo(all) {
  const detail = openDetail();
  if (detail) compose.reply(detail, reader.plainText(), all, account);
}

async function forwardOpen() {
  const detail = openDetail();
  if (!detail) return;
  await guarded('Forwarding', async () => compose.forward(detail, reader.plainText(), await reader.attachmentFiles()));
}

async function editDraft() {
  const detail = openDetail();
  if (!detail) return;
  await guarded('Opening the draft', async () => compose.editDraft(detail, reader.plainText(), await reader.attachmentFiles()));
}

// --- events: new mail without reloading ------------------------------------------

function listen() {
  events?.close();
  events = new EventSource('/api/events');
  events.addEventListener('ready', () => { $('live').hidden = false; });
  events.addEventListener('mailbox', (event) => {
    const change = JSON.parse(event.data);
    scheduleRefresh(change);
  });
  events.addEventListener('error', () => {
    $('live').hidden = true;
    // EventSource reconnects by itself; a closed stream may mean the session ended
    if (events && events.readyState === EventSource.CLOSED) {
      api('GET', '/api/session').then(() => setTimeout(listen, 5000)).catch(() => showLogin('Your session has ended.'));
    }
  });
}

let pending = { list: false, expunged: [] };

/** Several events in a burst make one refresh. */
function scheduleRefresh(change) {
  if (change.mailboxId === list.state.mailbox) {
    pending.list = true;
    if (change.type === 'messagesExpunged') pending.expunged.push(...(change.uids || []));
  }
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    const work = pending;
    pending = { list: false, expunged: [] };
    guarded('Refreshing', async () => {
      await refreshFolders();
      if (change.type.startsWith('mailbox')) {
        folders.fillMoveTargets($('move-target'), list.state.mailbox);
        folders.fillMoveTargets($('reader-move'), list.state.mailbox);
      }
      if (work.expunged.includes(reader.open()?.detail.uid)) reader.clear();
      if (work.list) await list.reload();
    });
  }, 250);
}

// --- wiring -----------------------------------------------------------------------

function wire() {
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-button').disabled = true;
    try {
      const session = await api('POST', '/api/session', {
        address: $('login-address').value.trim(), password: $('login-password').value,
      });
      $('login-password').value = '';
      await start(session);
    } catch (error) {
      $('login-error').textContent = error.status === 401 ? 'Wrong address or password.'
        : error.status === 429 ? `${error.message}.` : `Logging in failed: ${error.message}`;
    } finally {
      $('login-button').disabled = false;
    }
  });
  $('logout-button').addEventListener('click', async () => {
    events?.close();
    events = null;
    await api('DELETE', '/api/session').catch(() => {});
    reader.clear();
    showLogin('You have logged out.');
  });
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    guarded('Searching', () => list.setSearch(searchParameters($('search-q').value, $('search-filter').value)));
  });
  $('search-filter').addEventListener('change', () => $('search-form').requestSubmit());
  $('search-clear').addEventListener('click', () => {
    $('search-q').value = '';
    $('search-filter').value = '';
    guarded('Searching', () => list.setSearch({}));
  });
  $('sort').addEventListener('change', () => guarded('Sorting', () => list.setSort($('sort').value, list.state.order)));
  $('order').addEventListener('click', () => {
    const order = list.state.order === 'desc' ? 'asc' : 'desc';
    $('order').textContent = order === 'desc' ? '↓' : '↑';
    const label = { date: ['Oldest first', 'Newest first'], arrival: ['Oldest first', 'Newest first'] }[list.state.sort]
      || ['Ascending', 'Descending'];
    $('order').setAttribute('aria-label', order === 'desc' ? label[1] : label[0]);
    guarded('Sorting', () => list.setSort(list.state.sort, order));
  });
  $('prev-page').addEventListener('click', () => guarded('Paging', list.previousPage));
  $('next-page').addEventListener('click', () => guarded('Paging', list.nextPage));
  for (const button of document.querySelectorAll('[data-bulk]')) {
    button.addEventListener('click', () => guarded('The change', bulk[button.dataset.bulk]));
  }
  $('move-target').addEventListener('change', (event) => {
    const target = event.target.value;
    event.target.value = '';
    guarded('Moving', () => move(list.targets(), target));
  });
  $('reader-move').addEventListener('change', (event) => {
    const target = event.target.value;
    event.target.value = '';
    guarded('Moving', () => move([openDetail().uid], target));
  });
  $('compose-button').addEventListener('click', () => compose.open());
  $('reply').addEventListener('click', () => replyTo(false));
  $('reply-all').addEventListener('click', () => replyTo(true));
  $('forward').addEventListener('click', forwardOpen);
  $('edit-draft').addEventListener('click', editDraft);
  $('toggle-flag').addEventListener('click', () => guarded('Flagging',
    () => setFlag([openDetail().uid], '\\Flagged', !reader.hasFlag('\\Flagged'))));
  $('toggle-seen').addEventListener('click', () => guarded('The change',
    () => setFlag([openDetail().uid], '\\Seen', !reader.hasFlag('\\Seen'))));
  $('delete-message').addEventListener('click', () => guarded('Deleting', () => remove([openDetail().uid])));
  $('show-remote').addEventListener('click', () => {
    const open = reader.open();
    guarded('Loading remote images', () => reader.show(open.mailbox, open.detail.uid, true));
  });
  list.init({
    open: openMessage,
    flag: (uid, on) => guarded('Flagging', () => setFlag([uid], '\\Flagged', on)),
  });
  folderActions.init({
    current: () => list.state.mailbox,
    changed: (open) => guarded('Refreshing', () => foldersChanged(open)),
  });
  compose.init(() => guarded('Refreshing', async () => {
    await refreshFolders();
    await list.reload();
  }));
  onUnauthorized(() => showLogin('Your session has ended: log in again.'));
  document.addEventListener('keydown', shortcut);
}

const KEYS = {
  j: () => list.step(1), ArrowDown: () => list.step(1),
  k: () => list.step(-1), ArrowUp: () => list.step(-1),
  x: () => { const uid = list.cursorUid(); if (uid !== null) list.toggleSelected(uid); },
  ' ': () => { const uid = list.cursorUid(); if (uid !== null) list.toggleSelected(uid); },
  s: () => openDetail() && guarded('Flagging', () => setFlag([openDetail().uid], '\\Flagged', !reader.hasFlag('\\Flagged'))),
  u: () => guarded('The change', () => setFlag(list.targets(), '\\Seen', false)),
  i: () => guarded('The change', () => setFlag(list.targets(), '\\Seen', true)),
  '#': () => guarded('Deleting', () => remove(list.targets())),
  Delete: () => guarded('Deleting', () => remove(list.targets())),
  r: () => replyTo(false),
  a: () => replyTo(true),
  f: forwardOpen,
  c: () => compose.open(),
  '/': () => $('search-q').focus(),
  n: () => guarded('Paging', list.nextPage),
  p: () => guarded('Paging', list.previousPage),
};

/** Keys that buttons, check boxes and links answer themselves: shortcuts only on a row or the page. */
const ROW_KEYS = new Set([' ', 'ArrowDown', 'ArrowUp']);

function shortcut(event) {
  if (!account || event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
  const onRow = event.target === document.body || event.target.matches?.('tr.message');
  if (ROW_KEYS.has(event.key) && !onRow) return;
  const action = KEYS[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
}

async function boot() {
  wire();
  try {
    await start(await api('GET', '/api/session'));
  } catch (error) {
    showLogin(error.status === 401 || error.status === undefined ? '' : `The server answered: ${error.message}`);
  }
}

boot();
