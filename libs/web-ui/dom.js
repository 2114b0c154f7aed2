// Tiny DOM helpers shared by the hub console and the portals. Text always goes in as text (never as HTML), so nothing from the API can inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    }
    // through the CSSOM: the CSP forbids style attributes, not style properties
    else if (key === 'style') {
      Object.assign(el.style, value);
    } else if (key === 'value') {
      el.value = value;
    } else if (key === 'checked') {
      el.checked = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const NOTHING = { nl: 'Niets te tonen.', en: 'Nothing to show.' };

export function table(
  columns,
  rows,
  { testid, empty = NOTHING[document.documentElement.lang] ?? NOTHING.en } = {},
) {
  if (rows.length === 0) {
    return h('p', { class: 'empty', 'data-testid': testid ? `${testid}-empty` : undefined }, empty);
  }
  return h(
    'table',
    { 'data-testid': testid },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { class: c.class }, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          { 'data-id': row.__id },
          columns.map((c) => h('td', { class: c.class }, c.cell(row))),
        ),
      ),
    ),
  );
}

/** A date (no time) the Dutch way: 2 december 2026. */
export function date(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return d.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** An amount in euro cents the Dutch way: € 1.234,56. */
export function money(cents) {
  if (cents === null || cents === undefined) {
    return '—';
  }
  return new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/**
 * Saves a Blob as a file through a temporary object URL: the data never appears in an address
 * the server or the history could see.
 */
export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function dateTime(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return d.toLocaleString('nl-NL', { dateStyle: 'short', timeStyle: 'medium' });
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  if (seconds < 90) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 5400) {
    return `${Math.round(seconds / 60)} min`;
  }
  if (seconds < 172800) {
    return `${(seconds / 3600).toFixed(1)} h`;
  }
  return `${(seconds / 86400).toFixed(1)} d`;
}

export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`;
}

export function badge(text, kind = String(text).toLowerCase()) {
  return h('span', { class: `badge badge-${kind}` }, text);
}

/**
 * A labelled control: the <label> wraps its caption and the control, so the pair needs no ids.
 * A hint is tied to the control with aria-describedby.
 */
export function field(label, control, hint) {
  let hintEl;
  if (hint) {
    const id = `hint-${++field.count}`;
    hintEl = h('small', { class: 'hint', id }, hint);
    control.setAttribute('aria-describedby', id);
  }
  return h('label', { class: 'field' }, h('span', {}, label), control, hintEl);
}
field.count = 0;

export function oinLabel(oin, name) {
  if (!oin) {
    return '—';
  }
  return h('span', { class: 'oin', title: oin }, name ? `${name} ` : '', h('code', {}, oin));
}
