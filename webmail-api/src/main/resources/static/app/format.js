// How addresses, dates and sizes are shown, and what a search box means.

export const displayName = (address) => address.name || address.address;

export function names(list) {
  return (list || []).map(displayName).join(', ');
}

/** RFC 5322 form, as the compose fields take it back. */
export function mailboxText(address) {
  if (!address.name) return address.address;
  const quoted = /[()<>[\]:;@\\,."]/.test(address.name) ? `"${address.name.replace(/["\\]/g, '\\$&')}"` : address.name;
  return `${quoted} <${address.address}>`;
}

export function addressList(list) {
  return (list || []).map(mailboxText).join(', ');
}

/** Splits "A <a@x>, "B, C" <b@y>" at the commas between addresses, not those inside quotes or brackets. */
export function splitAddresses(text) {
  const result = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const ch of text || '') {
    if (ch === '"') quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if ((ch === ',' || ch === ';') && !quoted && !angle) {
      if (current.trim()) result.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) result.push(current.trim());
  return result;
}

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const FULL_DAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** Today: the time; this year: the day; else the day and year. */
export function shortDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const now = new Date();
  if (date.toDateString() === now.toDateString()) return TIME.format(date);
  return date.getFullYear() === now.getFullYear() ? DAY.format(date) : FULL_DAY.format(date);
}

export function fullDate(iso) {
  return iso ? FULL.format(new Date(iso)) : '';
}

/** The Date header if it parses, else when the message arrived. */
export function messageDate(message) {
  const written = message.date ? new Date(message.date) : null;
  return written && !Number.isNaN(written.getTime()) ? written.toISOString() : message.receivedAt;
}

export function size(octets) {
  if (octets < 1024) return `${octets} B`;
  if (octets < 1024 * 1024) return `${Math.round(octets / 1024)} KB`;
  return `${(octets / 1024 / 1024).toFixed(1)} MB`;
}

const TERMS = { from: 'from', to: 'to', subject: 'subject', since: 'since', before: 'before' };

/**
 * The list's query parameters from the search box ("invoice from:zed is:unread") and the filter:
 * field terms go to their parameters, the rest is full text.
 */
export function searchParameters(text, filter) {
  const parameters = {};
  const words = [];
  for (const token of (text || '').match(/\S+:"[^"]*"|\S+/g) || []) {
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? token.slice(colon + 1).replace(/^"|"$/g, '') : '';
    if (TERMS[key] && value) parameters[TERMS[key]] = value;
    else if (key === 'is' && value === 'unread') parameters.unseen = 'true';
    else if (key === 'is' && value === 'read') parameters.unseen = 'false';
    else if (key === 'is' && value === 'flagged') parameters.flagged = 'true';
    else if (key === 'has' && value === 'attachment') parameters.hasAttachment = 'true';
    else words.push(token);
  }
  if (words.length) parameters.q = words.join(' ');
  if (filter === 'unseen') parameters.unseen = 'true';
  if (filter === 'flagged') parameters.flagged = 'true';
  if (filter === 'attachment') parameters.hasAttachment = 'true';
  return parameters;
}
