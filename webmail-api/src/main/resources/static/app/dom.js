// Building the page from data: text always goes in as text nodes, never as HTML.

export const $ = (id) => document.getElementById(id);

/** An element with attributes (on… ones become listeners) and children (nodes or text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

let statusTimer;

/** A message in the live region (read out by screen readers), gone after a while. */
export function say(text) {
  const status = $('status');
  status.textContent = text;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { status.textContent = ''; }, 4000);
}

let alertTimer;

/** An error in the alert region, for a while longer than a status message (or until the next one). */
export function complain(text) {
  const alert = $('alert');
  alert.textContent = text;
  alert.hidden = !text;
  clearTimeout(alertTimer);
  if (text) alertTimer = setTimeout(() => { alert.hidden = true; }, 10000);
}

/** Whether a key press belongs to a field the user types into (shortcuts stay out of it). */
export function typing(event) {
  const target = event.target;
  return target instanceof HTMLInputElement && target.type !== 'checkbox'
      || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
      || target.isContentEditable || Boolean(target.closest?.('dialog'));
}
