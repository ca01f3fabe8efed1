// The rich-text editor of the compose dialog: a contenteditable element with the browser's own
// editing commands (bold, italic, lists, links), no library. Its HTML goes out as the message's
// text/html part with a plain-text version beside it (multipart/alternative); the server sanitises
// the HTML again before anything is sent. Quoted originals come from the API's sanitised HTML and
// are copied element by element through an allow-list, so nothing active reaches this page.

import { h } from './dom.js';

/** Elements kept when quoting; others give up their children; the rest (script, style…) go entirely. */
const KEEP = new Set(['p', 'div', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ul', 'ol', 'li',
  'blockquote', 'a', 'pre', 'code', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tfoot',
  'tr', 'td', 'th', 'caption', 'span', 'sub', 'sup', 'small', 'center', 'font']);
const DROP = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'select',
  'textarea', 'link', 'meta', 'base', 'svg', 'math', 'noscript', 'head', 'title']);
const BLOCKS = new Set(['p', 'div', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table',
  'tr', 'hr', 'center']);
const LINK = /^(https?:|mailto:)/i;

/** Copies the nodes of an inert document into this one, keeping text, structure and plain links only. */
function copy(node) {
  if (node.nodeType === Node.TEXT_NODE) return [document.createTextNode(node.data)];
  if (node.nodeType !== Node.ELEMENT_NODE) return [];
  const tag = node.localName;
  if (DROP.has(tag)) return [];
  const children = [...node.childNodes].flatMap(copy);
  if (tag === 'img') return node.alt ? [document.createTextNode(`[${node.alt}]`)] : [];
  if (!KEEP.has(tag)) return children;
  const attributes = {};
  const href = node.getAttribute('href');
  if (tag === 'a' && href && LINK.test(href.trim())) attributes.href = href.trim();
  return [h(tag, attributes, ...children)];
}

/** The sanitised HTML of a message (from the API) as nodes of this page, through the allow-list above. */
export function quotedNodes(html) {
  // DOMParser builds an inert document: nothing in it loads or runs
  const body = new DOMParser().parseFromString(html || '', 'text/html').body;
  return [...body.childNodes].flatMap(copy);
}

/** Plain text as editor content: one line a block, quoted lines ("> ") inside a blockquote. */
export function textNodes(text) {
  const nodes = [];
  let quote = null;
  for (const line of (text || '').replace(/\r\n/g, '\n').split('\n')) {
    const quoted = /^> ?/.test(line);
    const block = h('div', {}, line.replace(/^> ?/, '') || h('br'));
    if (quoted) {
      if (!quote) nodes.push(quote = h('blockquote', { type: 'cite' }));
      quote.append(block);
    } else {
      quote = null;
      nodes.push(block);
    }
  }
  return nodes;
}

/**
 * The editor's content as plain text for the text/plain alternative: blocks on their own lines,
 * list items with "- " or their number, quotes with "> ", links as "text <url>".
 */
export function plainText(root) {
  const lines = [];
  let line = '';
  const flush = () => { lines.push(line); line = ''; };
  const walk = (node, prefix) => {
    if (node.nodeType === Node.TEXT_NODE) {
      line += node.data.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = node.localName;
    if (tag === 'br') {
      lines.push(prefix + line);
      line = '';
      return;
    }
    const block = BLOCKS.has(tag);
    if (block && line) { lines.push(prefix + line); line = ''; }
    if (tag === 'hr') { lines.push(`${prefix}----`); return; }
    const inner = tag === 'blockquote' ? `${prefix}> ` : prefix;
    if (tag === 'li') {
      const list = node.parentElement;
      line = list?.localName === 'ol' ? `${[...list.children].indexOf(node) + 1}. ` : '- ';
    }
    for (const child of node.childNodes) walk(child, inner);
    if (tag === 'a' && node.getAttribute('href') && node.getAttribute('href') !== node.textContent) {
      line += ` <${node.getAttribute('href').replace(/^mailto:/i, '')}>`;
    }
    if (block && line) { lines.push(inner + line); line = ''; }
  };
  for (const child of root.childNodes) walk(child, '');
  if (line) flush();
  return `${lines.map((l) => l.replace(/\s+$/, '')).join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** Wires the toolbar: buttons with data-format run the browser's editing command on the editor. */
export function init(editor, linkField, linkButton) {
  let range = null;
  document.execCommand('styleWithCSS', false, 'false'); // <b>, <i>: no style attributes (CSP) in the output
  document.addEventListener('selectionchange', () => {
    const selection = document.getSelection();
    if (selection.rangeCount && editor.contains(selection.anchorNode)) range = selection.getRangeAt(0).cloneRange();
  });
  const restore = () => {
    const selection = document.getSelection();
    if (document.activeElement === editor && selection.rangeCount && editor.contains(selection.anchorNode)) {
      return; // still where the user left it (resetting it would drop the pending bold or italic)
    }
    editor.focus();
    if (range) {
      const selection = document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
  };
  for (const button of document.querySelectorAll('[data-format]')) {
    // mousedown would take the focus (and the selection) away from the editor
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => {
      restore();
      document.execCommand(button.dataset.format, false, null);
    });
  }
  linkButton.addEventListener('click', () => {
    const url = linkField.value.trim();
    if (!LINK.test(url)) {
      linkField.setCustomValidity('A link starts with https:, http: or mailto:');
      linkField.reportValidity();
      return;
    }
    linkField.setCustomValidity('');
    restore();
    const selection = document.getSelection();
    if (selection.isCollapsed) {
      document.execCommand('insertText', false, url);
      // select what was just typed, so it becomes the link's text
      selection.modify('extend', 'backward', 'character');
      for (let i = 1; i < url.length; i += 1) selection.modify('extend', 'backward', 'character');
    }
    document.execCommand('createLink', false, url);
    linkField.value = '';
  });
  // pasted text arrives as text: formatting from elsewhere (and whatever else a clipboard holds) stays out
  editor.addEventListener('paste', (event) => {
    event.preventDefault();
    document.execCommand('insertText', false, event.clipboardData.getData('text/plain'));
  });
}
