// Writing mail: new messages, replies, forwards (with the original's attachments) and drafts, in a
// dialog, as plain text or as rich text (richtext.js; sent as text and HTML alternatives). Sending
// and drafts go through the compose API (POST /api/messages/send, /api/drafts), always as
// multipart/form-data: the JSON in the part "message", the files in parts "attachments".

import { api } from './api.js';
import { $, h, say } from './dom.js';
import { addressList, fullDate, mailboxText, messageDate, names, size, splitAddresses } from './format.js';
import * as richtext from './richtext.js';

const draft = { uid: null, carried: [], inReplyTo: null, references: [] };
let changed = () => {};

/** @param onChange called after a send or a saved draft (mailboxes changed) */
export function init(onChange) {
  changed = onChange;
  $('compose-form').addEventListener('submit', (event) => { event.preventDefault(); send(); });
  $('compose-save').addEventListener('click', saveDraft);
  $('compose-discard').addEventListener('click', close);
  $('compose-rich').addEventListener('change', (event) => setRich(event.target.checked));
  richtext.init($('compose-html'), $('compose-link'), $('compose-link-apply'));
}

const rich = () => $('compose-rich').checked;

/** Switches the editor, carrying the content over (formatting is lost on the way to plain text). */
function setRich(on, nodes) {
  const editor = $('compose-html');
  if (on) {
    editor.replaceChildren(...(nodes || richtext.textNodes($('compose-text').value)));
  } else if ($('compose-text').hidden) { // the editor was showing
    $('compose-text').value = richtext.plainText(editor);
  }
  $('compose-rich').checked = on;
  editor.hidden = !on;
  $('compose-format').hidden = !on;
  $('compose-text').hidden = on;
}

/**
 * Opens the dialog filled in.
 * @param fields title, to, cc, bcc, subject, text, or html (nodes for the rich editor), carried (Files),
 *        inReplyTo, references, draftUid
 */
export function open(fields = {}) {
  draft.uid = fields.draftUid ?? null;
  draft.carried = fields.carried || [];
  draft.inReplyTo = fields.inReplyTo || null;
  draft.references = fields.references || [];
  $('compose-title').textContent = fields.title || 'New message';
  $('compose-to').value = fields.to || '';
  $('compose-cc').value = fields.cc || '';
  $('compose-bcc').value = fields.bcc || '';
  $('compose-subject').value = fields.subject || '';
  $('compose-text').value = fields.text || '';
  $('compose-text').hidden = false;
  setRich(Boolean(fields.html), fields.html);
  $('compose-files').value = '';
  $('compose-error').textContent = '';
  renderCarried();
  const dialog = $('compose');
  if (!dialog.open) dialog.showModal();
  const text = rich() ? $('compose-html') : $('compose-text');
  if ($('compose-to').value) {
    text.focus();
    if (rich()) {
      // the caret on the first (empty) line, above the quote
      document.getSelection().collapse(text.firstChild || text, 0);
    } else {
      text.setSelectionRange(0, 0);
    }
  } else {
    $('compose-to').focus();
  }
}

export const isOpen = () => $('compose').open;

function close() {
  $('compose').close();
}

function renderCarried() {
  $('compose-carried').replaceChildren(...draft.carried.map((file, index) => h('li', {},
    `${file.name} (${size(file.size)}) `,
    h('button', {
      type: 'button', class: 'link', 'aria-label': `Remove ${file.name}`,
      onclick: () => { draft.carried.splice(index, 1); renderCarried(); },
    }, 'Remove'))));
}

function composition() {
  return {
    to: splitAddresses($('compose-to').value),
    cc: splitAddresses($('compose-cc').value),
    bcc: splitAddresses($('compose-bcc').value),
    subject: $('compose-subject').value,
    text: rich() ? richtext.plainText($('compose-html')) : $('compose-text').value,
    // getHTML(): the editor's markup, read only (nothing is ever written into the page as HTML)
    html: rich() ? $('compose-html').getHTML() : null,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
  };
}

function body() {
  const data = new FormData();
  data.append('message', new Blob([JSON.stringify(composition())], { type: 'application/json' }));
  for (const file of [...draft.carried, ...$('compose-files').files]) {
    data.append('attachments', file, file.name);
  }
  return data;
}

function failed(action, error) {
  const unavailable = error.status === 404 || error.status === 405;
  $('compose-error').textContent = unavailable
    ? `${action} is not available on this server (the compose API answered ${error.status}).`
    : `${action} failed: ${error.message}${error.field ? ` (${error.field})` : ''}`;
}

function busy(yes) {
  for (const id of ['compose-send', 'compose-save', 'compose-discard']) $(id).disabled = yes;
}

async function send() {
  const message = composition();
  if (message.to.length + message.cc.length + message.bcc.length === 0) {
    $('compose-error').textContent = 'Name at least one recipient.';
    $('compose-to').focus();
    return;
  }
  busy(true);
  try {
    if (draft.uid !== null) {
      // the draft as it stands now, then sent from Drafts (which removes it there)
      const saved = await api('PUT', `/api/drafts/${draft.uid}`, body());
      await api('POST', `/api/drafts/${saved.uid}/send`);
    } else {
      await api('POST', '/api/messages/send', body());
    }
    close();
    say('Message sent');
    changed();
  } catch (error) {
    failed('Sending', error);
  } finally {
    busy(false);
  }
}

async function saveDraft() {
  busy(true);
  try {
    const saved = draft.uid !== null
      ? await api('PUT', `/api/drafts/${draft.uid}`, body())
      : await api('POST', '/api/drafts', body());
    draft.uid = saved.uid;
    // the files are in the draft now; carry them from here so a later save keeps them once
    draft.carried = [...draft.carried, ...$('compose-files').files];
    $('compose-files').value = '';
    renderCarried();
    $('compose-error').textContent = '';
    say('Draft saved');
    changed();
  } catch (error) {
    failed('Saving the draft', error);
  } finally {
    busy(false);
  }
}

function references(detail) {
  const header = detail.headers.find((field) => field.name.toLowerCase() === 'references');
  const ids = header ? header.value.match(/<[^<>\s]+>/g) || [] : [];
  if (detail.messageId && !ids.includes(detail.messageId)) ids.push(detail.messageId);
  return ids;
}

function prefixed(prefix, subject) {
  const text = subject || '';
  return new RegExp(`^${prefix}:`, 'i').test(text) ? text : `${prefix}: ${text}`;
}

function attribution(detail) {
  return `On ${fullDate(messageDate(detail))}, ${names(detail.from)} wrote:`;
}

/** The original in the rich editor: its HTML when it has some, else its text, quoted or not. */
function original(detail, text) {
  return detail.html ? richtext.quotedNodes(detail.html) : richtext.textNodes(text);
}

function quote(detail, text) {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  return `\n\n${attribution(detail)}\n${lines.map((l) => `> ${l}`).join('\n')}\n`;
}

/** The addresses of {@code lists} but those in {@code exclude}, without repeats. */
function others(exclude, ...lists) {
  const seen = new Set(exclude.map((address) => address.toLowerCase()));
  const result = [];
  for (const address of lists.flat()) {
    const key = (address.address || '').toLowerCase();
    if (key && !seen.has(key)) {
      seen.add(key);
      result.push(address);
    }
  }
  return result;
}

/** Reply (to Reply-To, else From) or reply all (and To and Cc, but not oneself). */
export function reply(detail, text, all, self) {
  const author = detail.replyTo.length ? detail.replyTo : detail.from;
  const everyone = all ? others([self], author, detail.to) : [];
  const to = everyone.length ? everyone : author;
  const cc = all ? others([self, ...to.map((a) => a.address)], detail.cc) : [];
  open({
    title: all ? 'Reply all' : 'Reply',
    to: to.map(mailboxText).join(', '),
    cc: cc.map(mailboxText).join(', '),
    subject: prefixed('Re', detail.subject),
    text: quote(detail, text),
    // an HTML original is answered in HTML, quoted as a blockquote
    html: detail.html ? [h('div', {}, h('br')), h('div', {}, attribution(detail)),
      h('blockquote', { type: 'cite' }, ...original(detail, text))] : null,
    inReplyTo: detail.messageId,
    references: references(detail),
  });
}

/** Forward: the text below a short header block, the original's attachments attached. */
export function forward(detail, text, files) {
  const block = ['', '', '---------- Forwarded message ----------', `From: ${addressList(detail.from)}`,
    `Date: ${fullDate(messageDate(detail))}`, `Subject: ${detail.subject || ''}`, `To: ${addressList(detail.to)}`];
  if (detail.cc.length) block.push(`Cc: ${addressList(detail.cc)}`);
  open({
    title: 'Forward',
    subject: prefixed('Fwd', detail.subject),
    text: `${block.join('\n')}\n\n${text}`,
    html: detail.html ? [h('div', {}, h('br')), ...block.slice(2).map((line) => h('div', {}, line)), h('br'),
      h('div', {}, ...original(detail, text))] : null,
    carried: files,
    references: references(detail),
  });
}

/** A draft from the Drafts mailbox, to go on with. */
export function editDraft(detail, text, files) {
  open({
    title: 'Draft',
    to: addressList(detail.to),
    cc: addressList(detail.cc),
    bcc: addressList(detail.bcc),
    subject: detail.subject || '',
    text,
    html: detail.html ? original(detail, text) : null,
    carried: files,
    inReplyTo: detail.inReplyTo,
    references: references(detail).filter((id) => id !== detail.messageId),
    draftUid: detail.uid,
  });
}
