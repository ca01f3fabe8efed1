// The folder list: the account's mailboxes with their unread counts, the special ones first.

import { api } from './api.js';
import { $, h } from './dom.js';

const ROLE_ORDER = ['inbox', 'drafts', 'sent', 'junk', 'trash'];
const ROLE_NAMES = { inbox: 'Inbox', drafts: 'Drafts', sent: 'Sent', junk: 'Junk', trash: 'Trash' };

let mailboxes = [];

export const all = () => mailboxes;
export const byId = (id) => mailboxes.find((m) => m.id === id);
export const withRole = (role) => mailboxes.find((m) => m.role === role);

/** The name a person reads: the role's word for special mailboxes, else the last level. */
export function label(mailbox) {
  if (mailbox.role && ROLE_NAMES[mailbox.role]) return ROLE_NAMES[mailbox.role];
  return mailbox.name.slice(mailbox.name.lastIndexOf('/') + 1);
}

function rank(mailbox) {
  const role = ROLE_ORDER.indexOf(mailbox.role);
  return role < 0 ? ROLE_ORDER.length : role;
}

/** Special mailboxes in their usual order, then the others by name (so a parent comes before its children). */
function ordered(list) {
  return [...list].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export async function load() {
  mailboxes = ordered(await api('GET', '/api/mailboxes'));
  return mailboxes;
}

/** Draws the list with {@code current} marked; a click calls {@code open(id)}. */
export function render(current, open) {
  const list = $('folder-list');
  list.replaceChildren(...mailboxes.map((mailbox) => {
    const depth = mailbox.role ? 0 : mailbox.name.split('/').length - 1;
    const unread = mailbox.unseen > 0
      ? h('span', { class: 'count', 'aria-label': `${mailbox.unseen} unread` }, String(mailbox.unseen)) : null;
    return h('li', { class: `depth-${Math.min(depth, 4)}` },
      h('button', {
        type: 'button', class: mailbox.subscribed ? 'folder' : 'folder unsubscribed', 'data-mailbox': mailbox.id,
        title: mailbox.subscribed ? mailbox.name : `${mailbox.name} (not subscribed)`,
        'aria-current': mailbox.id === current ? 'true' : null, onclick: () => open(mailbox.id),
      }, h('span', { class: 'folder-name' }, label(mailbox)), unread));
  }));
}

/** The options of a "move to" list: every mailbox but the current one. */
export function fillMoveTargets(select, current) {
  select.replaceChildren(h('option', { value: '' }, 'Move to…'),
    ...mailboxes.filter((m) => m.id !== current).map((m) => h('option', { value: m.id }, m.role ? label(m) : m.name)));
}
