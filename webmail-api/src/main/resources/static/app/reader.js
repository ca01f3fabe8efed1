// The reading pane: one message's header fields, actions and attachments, and its body in a sandboxed
// frame. The body is the API's own document (…/html): the sanitised HTML with a policy that runs no
// script and loads no remote image unless the reader asks.

import { api, download, messagePath } from './api.js';
import { $, h } from './dom.js';
import { addressList, fullDate, messageDate, size } from './format.js';

let current = null; // { mailbox, detail, remote }

export const open = () => current;

export function clear() {
  current = null;
  $('reader-message').hidden = true;
  $('reader-empty').hidden = false;
  $('reader-body').src = 'about:blank';
}

/** Loads and shows a message; answers its detail. */
export async function show(mailbox, uid, remote = false) {
  const query = remote ? '?remoteContent=true' : '';
  const detail = await api('GET', `${messagePath(mailbox, uid)}${query}`);
  current = { mailbox, detail, remote };
  render();
  $('reader-body').src = `${messagePath(mailbox, uid)}/html${query}`;
  return detail;
}

export const hasFlag = (flag) => Boolean(current && current.detail.flags.includes(flag));

export function setFlags(flags) {
  if (current) {
    current.detail.flags = flags;
    renderFlags();
  }
}

function field(name, value) {
  return value ? [h('dt', {}, name), h('dd', {}, value)] : [];
}

function render() {
  const { mailbox, detail, remote } = current;
  $('reader-empty').hidden = true;
  $('reader-message').hidden = false;
  $('reader-subject').textContent = detail.subject || '(no subject)';
  $('reader-headers').replaceChildren(
    ...field('From', addressList(detail.from)),
    // IMAP's envelope fills Reply-To with From when the message has none: show it only when it differs
    ...field('Reply to', addressList(detail.replyTo) === addressList(detail.from) ? '' : addressList(detail.replyTo)),
    ...field('To', addressList(detail.to)),
    ...field('Cc', addressList(detail.cc)),
    ...field('Bcc', addressList(detail.bcc)),
    ...field('Date', fullDate(messageDate(detail))));
  $('remote-banner').hidden = remote || !detail.remoteContentBlocked;
  const attachments = detail.attachments.filter((a) => !a.inline || !a.contentId);
  $('reader-attachments').hidden = attachments.length === 0;
  $('reader-attachments').replaceChildren(...attachments.map((attachment) => h('li', {},
    h('a', { href: `${messagePath(mailbox, detail.uid)}/parts/${encodeURIComponent(attachment.partId)}`,
      download: attachment.name || true, class: 'attachment' },
    attachment.name || `part ${attachment.partId}`),
    h('span', { class: 'attachment-size' }, ` ${attachment.type}, ${size(attachment.size)}`))));
  $('raw-message').href = `${messagePath(mailbox, detail.uid)}/raw`;
  renderFlags();
}

function renderFlags() {
  const flagged = hasFlag('\\Flagged');
  const flag = $('toggle-flag');
  flag.textContent = flagged ? 'Unflag' : 'Flag';
  flag.setAttribute('aria-pressed', String(flagged));
  $('toggle-seen').textContent = hasFlag('\\Seen') ? 'Mark unread' : 'Mark read';
  const draft = hasFlag('\\Draft');
  $('edit-draft').hidden = !draft;
}

/** The attachments of the open message as files, to send on (forward) or keep (a draft). */
export async function attachmentFiles() {
  const { mailbox, detail } = current;
  const files = [];
  for (const attachment of detail.attachments) {
    const blob = await download(`${messagePath(mailbox, detail.uid)}/parts/${encodeURIComponent(attachment.partId)}`);
    const name = attachment.name || `part-${attachment.partId}`;
    files.push(new File([blob], name, { type: attachment.type || blob.type }));
  }
  return files;
}

/** The text of the open message, for quoting: the text part, else the words of the sanitised HTML. */
export function plainText() {
  const { detail } = current;
  if (detail.text) return detail.text;
  if (!detail.html) return '';
  // DOMParser builds an inert document: nothing in it loads or runs
  return new DOMParser().parseFromString(detail.html, 'text/html').body.textContent || '';
}
