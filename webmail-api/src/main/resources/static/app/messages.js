// The message list of one mailbox: a page at a time (the API's cursors, kept to go back), sorted,
// searched, with a selection for the bulk actions and a keyboard cursor.

import { api, mailboxPath } from './api.js';
import { $, h } from './dom.js';
import { messageDate, names, shortDate, size } from './format.js';

const view = {
  mailbox: null,
  sort: 'date',
  order: 'desc',
  search: {},
  cursors: [null], // the cursor of each page seen so far: going back needs them
  offsets: [0],
  page: 0,
  rows: [],
  total: 0,
  nextCursor: null,
  selected: new Set(),
  cursor: -1, // index of the row the keyboard is on
  openUid: null,
};

let handlers = { open: () => {}, flag: () => {} };

export const state = view;

/** @param callbacks open(uid) when a row is opened, flag(uid, flagged) from a row's star */
export function init(callbacks) {
  handlers = callbacks;
  $('select-all').addEventListener('change', (event) => {
    view.selected = event.target.checked ? new Set(view.rows.map((m) => m.uid)) : new Set();
    render();
  });
}

export function show(mailbox) {
  view.mailbox = mailbox;
  view.openUid = null;
  return first();
}

export function setSort(sort, order) {
  view.sort = sort;
  view.order = order;
  return first();
}

export function setSearch(parameters) {
  view.search = parameters;
  return first();
}

function first() {
  view.cursors = [null];
  view.offsets = [0];
  view.page = 0;
  view.selected.clear();
  view.cursor = -1;
  return reload();
}

export async function nextPage() {
  if (!view.nextCursor) return;
  view.cursors[view.page + 1] = view.nextCursor;
  view.offsets[view.page + 1] = view.offsets[view.page] + view.rows.length;
  view.page += 1;
  view.selected.clear();
  view.cursor = -1;
  await reload();
}

export async function previousPage() {
  if (view.page === 0) return;
  view.page -= 1;
  view.selected.clear();
  view.cursor = -1;
  await reload();
}

/** Fetches the current page again (after a change, or when an event says the mailbox changed). */
export async function reload() {
  const mailbox = view.mailbox;
  const query = new URLSearchParams({ sort: view.sort, order: view.order, ...view.search });
  if (view.cursors[view.page]) query.set('cursor', view.cursors[view.page]);
  const page = await api('GET', `${mailboxPath(mailbox)}/messages?${query}`);
  if (mailbox !== view.mailbox) return; // another mailbox was opened meanwhile
  view.rows = page.messages;
  view.total = page.total;
  view.nextCursor = page.nextCursor;
  const uids = new Set(view.rows.map((m) => m.uid));
  view.selected = new Set([...view.selected].filter((uid) => uids.has(uid)));
  view.cursor = Math.min(view.cursor, view.rows.length - 1);
  render();
}

export const find = (uid) => view.rows.find((m) => m.uid === uid);

/** The messages an action applies to: those ticked, else the one open. */
export function targets() {
  if (view.selected.size) return [...view.selected];
  return view.openUid === null ? [] : [view.openUid];
}

/** Changes a row in place (flags after a change), without a round trip. */
export function update(uid, change) {
  const message = find(uid);
  if (message) {
    Object.assign(message, change);
    render();
  }
}

export function markOpen(uid) {
  view.openUid = uid;
  const index = view.rows.findIndex((m) => m.uid === uid);
  if (index >= 0) view.cursor = index;
  render();
}

export function toggleSelected(uid) {
  if (view.selected.has(uid)) view.selected.delete(uid);
  else view.selected.add(uid);
  render();
}

/** Moves the keyboard cursor by {@code step} rows and opens that message. */
export function step(delta) {
  if (!view.rows.length) return;
  const index = Math.max(0, Math.min(view.rows.length - 1, (view.cursor < 0 ? -1 : view.cursor) + delta));
  view.cursor = index;
  handlers.open(view.rows[index].uid);
  focusCursor();
}

export const cursorUid = () => (view.cursor >= 0 && view.rows[view.cursor] ? view.rows[view.cursor].uid : null);

function focusCursor() {
  const row = $('message-rows').children[view.cursor];
  row?.focus();
}

function row(message, index) {
  const selected = view.selected.has(message.uid);
  const from = names(message.from) || '(no sender)';
  const subject = message.subject || '(no subject)';
  const classes = ['message', message.seen ? 'seen' : 'unseen', message.uid === view.openUid ? 'open' : '',
    selected ? 'selected' : ''].join(' ');
  return h('tr', {
    class: classes, 'data-uid': message.uid, tabindex: index === Math.max(view.cursor, 0) ? 0 : -1,
    'aria-selected': selected ? 'true' : 'false', 'aria-current': message.uid === view.openUid ? 'true' : null,
    onclick: () => { view.cursor = index; handlers.open(message.uid); },
    onkeydown: (event) => {
      if (event.key === 'Enter') { view.cursor = index; handlers.open(message.uid); event.preventDefault(); }
    },
  },
  h('td', { class: 'select' }, h('input', {
    type: 'checkbox', checked: selected, 'aria-label': `Select message from ${from}: ${subject}`,
    onclick: (event) => event.stopPropagation(), onchange: () => toggleSelected(message.uid),
  })),
  h('td', { class: 'flag' }, h('button', {
    type: 'button', class: message.flagged ? 'star on' : 'star', 'aria-pressed': message.flagged ? 'true' : 'false',
    'aria-label': `Flag message from ${from}: ${subject}`, title: message.flagged ? 'Unflag' : 'Flag',
    onclick: (event) => { event.stopPropagation(); handlers.flag(message.uid, !message.flagged); },
  }, message.flagged ? '★' : '☆')),
  h('td', { class: 'from' }, h('span', { class: 'unread-mark', 'aria-label': message.seen ? null : 'unread' }), from),
  h('td', { class: 'subject' }, subject, message.hasAttachments ? h('span', { class: 'clip', title: 'has attachments',
    'aria-label': 'has attachments' }, ' 📎') : null),
  h('td', { class: 'date', title: `${new Date(messageDate(message)).toLocaleString()} · ${size(message.size)}` },
    shortDate(messageDate(message))));
}

export function render() {
  const body = $('message-rows');
  const hadFocus = body.contains(document.activeElement);
  body.replaceChildren(...view.rows.map(row));
  $('list-empty').hidden = view.rows.length > 0;
  const selectAll = $('select-all');
  selectAll.checked = view.rows.length > 0 && view.selected.size === view.rows.length;
  selectAll.indeterminate = view.selected.size > 0 && view.selected.size < view.rows.length;
  const from = view.offsets[view.page] + 1;
  const to = view.offsets[view.page] + view.rows.length;
  $('page-info').textContent = view.rows.length ? `${from}–${to} of ${view.total}` : `0 of ${view.total}`;
  $('prev-page').disabled = view.page === 0;
  $('next-page').disabled = !view.nextCursor;
  if (hadFocus && view.cursor >= 0) focusCursor();
}
