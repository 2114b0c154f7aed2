// Form helpers of the portals: labelled controls with a place for the server's violations, shown
// in the portal's own words (useViolationText), and the small readers of what people type.
import { field, h } from './dom.js';

let violationText = (violation) => violation.message;

/** How this portal puts a violation ({field, rule, message}) into words; set once by app.js. */
export function useViolationText(text) {
  violationText = text;
}

let nextId = 0;

/**
 * A labelled control plus its error line. `name` is the API field the server names in a
 * violation; the error line is tied to the control for screen readers.
 */
export function control(labelText, name, element, hint) {
  const errorId = `err-${name.replace(/[^a-zA-Z0-9]/g, '-')}-${++nextId}`;
  if (!element.name) {
    element.name = name;
  }
  const error = h('p', {
    class: 'error',
    id: errorId,
    'data-error-for': name,
    'data-testid': `error-${name}`,
    hidden: true,
  });
  const labelled = field(labelText, element, hint);
  // the hint (set by field) and the error line both describe the control
  const described = element.getAttribute('aria-describedby');
  element.setAttribute('aria-describedby', described ? `${described} ${errorId}` : errorId);
  return h('div', { class: 'form-row' }, labelled, error);
}

export function select(name, options, { testid, value, placeholder } = {}) {
  return h(
    'select',
    { name, 'data-testid': testid ?? `input-${name}` },
    ...(placeholder !== undefined ? [h('option', { value: '' }, placeholder)] : []),
    ...Object.entries(options).map(([code, text]) =>
      h('option', { value: code, ...(code === value ? { selected: 'selected' } : {}) }, text),
    ),
  );
}

/** One option of a `decision` radio group: the input and its label (text after the button). */
export function radio(value, text, checked) {
  const el = h('input', {
    type: 'radio',
    name: 'decision',
    value,
    'data-testid': `decision-${value}`,
    checked,
  });
  return { input: el, label: h('label', { class: 'choice' }, el, ` ${text}`) };
}

export function input(name, attrs = {}) {
  return h('input', { name, type: 'text', 'data-testid': `input-${name}`, ...attrs });
}

/** Clears the error lines of a form. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('[data-error-for]')) {
    el.textContent = '';
    el.hidden = true;
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
  }
  const general = form.querySelector('[data-form-error]');
  if (general) {
    general.textContent = '';
    general.hidden = true;
  }
}

/**
 * Shows each violation at its field (`claims[0].kind` falls back to `claims`), the rest in the
 * form's general error line. Focus goes to the first control in error.
 */
export function showViolations(form, violations, fallbackMessage) {
  clearErrors(form);
  const general = [];
  let first = null;
  for (const violation of violations ?? []) {
    const name = String(violation.field ?? '');
    const target = errorLine(form, name) ?? errorLine(form, name.replace(/\[.*$/, ''));
    if (target) {
      target.textContent = target.textContent
        ? `${target.textContent} ${violationText(violation)}`
        : violationText(violation);
      target.hidden = false;
      const controlEl = form.querySelector(`[aria-describedby~="${target.id}"]`);
      if (controlEl) {
        controlEl.setAttribute('aria-invalid', 'true');
        first ??= controlEl;
      }
    } else {
      general.push(violationText(violation));
    }
  }
  if (general.length === 0 && (violations ?? []).length === 0 && fallbackMessage) {
    general.push(fallbackMessage);
  }
  const line = form.querySelector('[data-form-error]');
  if (line && general.length > 0) {
    line.textContent = general.join(' ');
    line.hidden = false;
  }
  first?.focus();
}

function errorLine(form, name) {
  return [...form.querySelectorAll('[data-error-for]')].find((el) => el.dataset.errorFor === name);
}

/** The general error line of a form. */
export function formError() {
  return h('p', {
    class: 'error',
    'data-form-error': '',
    'data-testid': 'form-error',
    role: 'alert',
    hidden: true,
  });
}

/** Euros typed by a person ("1.234,56" or "1234.56") to cents, or NaN. */
export function euroToCents(text) {
  const clean = String(text ?? '').replace(/[€\s]/g, '');
  if (clean === '') {
    return NaN;
  }
  const normal = /,\d{1,2}$/.test(clean)
    ? clean.replace(/\./g, '').replace(',', '.')
    : clean.replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(normal)) {
    return NaN;
  }
  return Math.round(Number(normal) * 100);
}

/** A definition list of facts, leaving out empty ones. */
export function facts(testid, pairs) {
  const items = pairs.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return h(
    'dl',
    { class: 'facts', 'data-testid': testid },
    ...items.flatMap(([term, value, id]) => [
      h('dt', {}, term),
      h('dd', id ? { 'data-testid': id } : {}, value),
    ]),
  );
}
