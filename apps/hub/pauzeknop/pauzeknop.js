// The Pauzeknop page (DESIGN §11): a resident asks their municipality for help with debts. Plain
// Dutch, no login, no third-party code. Nothing the resident types goes into a URL, into storage
// or into the browser console; it leaves the page only in the body of one POST to the hub.
import { h, replace } from './dom.js';
import { clearErrors, showViolations, useViolationText } from './forms.js';
import { formBody, formProblems, helpRequestForm } from './pauzeknop-form.js';
import { solveChallenge } from './pow.js';

const RULE_TEXT = {
  postcode: 'Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 3521 AZ.',
  'iso-date': 'Dit is geen bestaande datum.',
  'bsn-format': 'Een BSN bestaat uit 9 cijfers.',
  'bsn-11-proef': 'Dit BSN bestaat niet: controleer de cijfers.',
  email: 'Dit is geen e-mailadres.',
  'phone-or-email': 'Vul een telefoonnummer of een e-mailadres in.',
  municipality: 'Kies uw gemeente uit de lijst.',
  equals: 'Geef toestemming, anders kan de gemeente u niet helpen.',
  'pow-used': 'Er ging iets mis bij de controle. Klik nog een keer op de knop.',
  'pow-expired': 'Het duurde te lang. Klik nog een keer op de knop.',
  'pow-solution': 'Er ging iets mis bij de controle. Klik nog een keer op de knop.',
  'pow-challenge': 'Er ging iets mis bij de controle. Klik nog een keer op de knop.',
};
useViolationText((v) => v.text ?? RULE_TEXT[v.rule] ?? 'Dit klopt nog niet. Kijk het na.');

const DATE = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`status ${response.status}`);
  }
  return response.json();
}

/** A municipality's website may link here with its gemeentecode: `/pauzeknop?gemeente=0344`. */
function preselectedOin(municipalities) {
  const code = new URLSearchParams(location.search).get('gemeente');
  return municipalities.find((m) => code && m.gemeentecodes.includes(code))?.oin ?? '';
}

/** Shows the problems of `fields` (or all) at their fields; returns them. */
function check(form, fields) {
  const problems = formProblems(form, fields);
  const violations = problems.map((p) => ({ field: p.field, text: p.message }));
  if (!fields) {
    showViolations(form, violations);
    return problems;
  }
  for (const name of fields) {
    const line = [...form.querySelectorAll('[data-error-for]')].find((el) => el.dataset.errorFor === name);
    const problem = violations.find((v) => v.field === name);
    if (!line) {
      continue;
    }
    line.textContent = problem?.text ?? '';
    line.hidden = !problem;
    const control = form.querySelector(`[aria-describedby~="${line.id}"]`);
    if (problem) {
      control?.setAttribute('aria-invalid', 'true');
    } else {
      control?.removeAttribute('aria-invalid');
    }
  }
  return problems;
}

function fieldsOf(target) {
  const name = target.name;
  return name === 'contact.phone' || name === 'contact.email' ? [name, 'contact'] : [name];
}

function renderResult(app, result) {
  const heading = h('h2', { tabindex: '-1', 'data-testid': 'pauzeknop-done' }, 'Uw aanvraag is verstuurd');
  replace(
    app,
    h(
      'section',
      { class: 'card', 'data-testid': 'pauzeknop-result' },
      heading,
      h('p', {}, 'Uw referentienummer is:'),
      h('p', { class: 'pk-reference', 'data-testid': 'pauzeknop-reference' }, result.reference),
      h(
        'p',
        {},
        `Uw aanvraag is bij ${result.municipality.name}. De gemeente neemt uiterlijk op ${DATE.format(new Date(`${result.contactDueBy}T12:00:00Z`))} contact met u op.`,
      ),
      h('h3', {}, 'Wat gebeurt er nu?'),
      h(
        'ol',
        { 'data-testid': 'pauzeknop-next-steps' },
        ...result.nextSteps.map((step) => h('li', {}, step)),
      ),
    ),
  );
  heading.focus();
}

async function submit(app, form, status, button) {
  if (check(form).length > 0) {
    return;
  }
  button.disabled = true;
  status.textContent = 'Even geduld. We controleren of het formulier echt door een mens wordt verstuurd.';
  try {
    const { challenge, bits } = await getJson('/api/pauzeknop/challenge');
    const nonce = await solveChallenge(challenge, bits);
    status.textContent = 'Uw aanvraag wordt verstuurd.';
    const response = await fetch('/api/pauzeknop/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...formBody(form), challenge, nonce }),
    });
    const answer = await response.json().catch(() => ({}));
    status.textContent = '';
    if (response.status === 201) {
      renderResult(app, answer);
      return;
    }
    if (response.status === 429) {
      showViolations(
        form,
        [],
        `U heeft het te vaak geprobeerd. Wacht ${Math.ceil((answer.retryAfterSeconds ?? 600) / 60)} minuten en probeer het dan opnieuw. Of bel uw gemeente.`,
      );
      return;
    }
    showViolations(
      form,
      answer.violations ?? [],
      'Er ging iets mis. Probeer het later opnieuw, of bel uw gemeente.',
    );
  } catch {
    status.textContent = '';
    showViolations(form, [], 'Er ging iets mis. Probeer het later opnieuw, of bel uw gemeente.');
  } finally {
    button.disabled = false;
  }
}

async function start() {
  const app = document.getElementById('pauzeknop-app');
  let municipalities;
  try {
    ({ municipalities } = await getJson('/api/pauzeknop/municipalities'));
  } catch {
    replace(
      app,
      h(
        'p',
        { class: 'card error', role: 'alert' },
        'Het formulier kan nu niet worden geladen. Bel uw gemeente.',
      ),
    );
    return;
  }
  const form = helpRequestForm(municipalities, preselectedOin(municipalities));
  const status = form.querySelector('[role="status"]');
  const button = form.querySelector('button[type="submit"]');
  // a field is checked once the resident leaves it, and again as they correct it
  const touched = new Set();
  form.addEventListener('focusout', (event) => {
    if (event.target.name) {
      touched.add(event.target.name);
      check(form, fieldsOf(event.target));
    }
  });
  form.addEventListener('input', (event) => {
    if (touched.has(event.target.name)) {
      check(form, fieldsOf(event.target));
    }
  });
  form.addEventListener('change', (event) => {
    if (event.target.type === 'checkbox' || event.target.tagName === 'SELECT') {
      check(form, fieldsOf(event.target));
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    void submit(app, form, status, button);
  });
  replace(app, h('section', { class: 'card' }, h('h2', {}, 'Vraag hulp aan'), form));
}

void start();
