// Building page elements. el('li', { class: 'task', 'data-task': id }, child, [more, children], 'text') makes the
// element, sets each attribute (the key `text` sets its text instead) and appends the children: nodes, strings (as
// text) or arrays of them; null, undefined and false are left out, so optional parts can be written inline.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === 'text') {
      node.textContent = value;
    } else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child);
    }
  }
  return node;
}

// The page's state for people's eyes (CSS) and for the browser tests: body[data-state].
export function setPageState(state) {
  document.body.dataset.state = state;
}
