// #/nieuw: a new case. Checks as you type (rules.js, the API's rules), shows the server's
// violations per field on submit, picks creditors from the hub directory (or a typed OIN).
import { api } from './api.js';
import { field, h, replace } from './dom.js';
import { caseHash } from './cases.js';
import {
  bsnProblem,
  dateProblem,
  houseLetterProblem,
  houseNumberAdditionProblem,
  houseNumberProblem,
  oinProblem,
  pauseEndProblem,
  postcodeProblem,
  requiredProblem,
} from './rules.js';
import { ruleText } from './words.js';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
const optional = (check) => (value) => (value.trim() === '' ? null : check(value));

/** The form's fields by the API's field path: label, input type, the check, and whether it is optional. */
const FIELDS = [
  ['caseReference', 'Zaaknummer', 'text', (v) => requiredProblem(v, 'het zaaknummer')],
  ['debtor.bsn', 'BSN', 'text', bsnProblem, { inputmode: 'numeric', autocomplete: 'off' }],
  ['debtor.initials', 'Voorletters (niet verplicht)', 'text', () => null],
  ['debtor.givenNames', 'Voornamen', 'text', (v) => requiredProblem(v, 'de voornamen')],
  ['debtor.surnamePrefix', 'Tussenvoegsel (niet verplicht)', 'text', () => null],
  ['debtor.surname', 'Achternaam', 'text', (v) => requiredProblem(v, 'de achternaam')],
  ['debtor.birthDate', 'Geboortedatum', 'date', dateProblem],
  ['debtor.address.street', 'Straat', 'text', (v) => requiredProblem(v, 'de straat')],
  ['debtor.address.houseNumber', 'Huisnummer', 'text', houseNumberProblem, { inputmode: 'numeric' }],
  ['debtor.address.houseLetter', 'Huisletter (niet verplicht)', 'text', optional(houseLetterProblem)],
  [
    'debtor.address.houseNumberAddition',
    'Toevoeging (niet verplicht)',
    'text',
    optional(houseNumberAdditionProblem),
  ],
  ['debtor.address.postcode', 'Postcode', 'text', postcodeProblem],
  ['debtor.address.city', 'Woonplaats', 'text', (v) => requiredProblem(v, 'de woonplaats')],
  ['admissionDate', 'Datum van toelating', 'date', dateProblem],
  ['pause.start', 'Begin van de pauze', 'date', dateProblem],
  ['pause.end', 'Einde van de pauze (leeg: 4 maanden na het begin)', 'date', null],
];

function set(target, path, value) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node = node[key] ??= {};
  }
  node[keys.at(-1)] = value;
}

/** The value at a dotted path of a draft (numbers as the form shows them). */
function valueAt(draft, path) {
  const value = path.split('.').reduce((node, key) => node?.[key], draft);
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * `helpRequestId`: admitting a resident's HelpRequest (#/hulpvragen/<id>/toelaten): the form starts
 * from the request's case draft and is sent with the admission, so its Kennisgevingen carry signal 1.
 */
export async function renderNewCase(ctx, helpRequestId) {
  if (!ctx.canEdit) {
    replace(
      ctx.main,
      h('h1', { tabindex: '-1' }, 'Nieuwe zaak'),
      h('p', {}, 'U mag alleen lezen: een nieuwe zaak maken kan niet.'),
    );
    return;
  }
  const helpRequest = helpRequestId
    ? await api('GET', `/help-requests/${encodeURIComponent(helpRequestId)}`)
    : undefined;
  const inputs = new Map();
  const errors = new Map();
  const checks = new Map();

  function showProblem(path, problem) {
    errors.get(path).textContent = problem ?? '';
    inputs.get(path)?.setAttribute('aria-invalid', problem ? 'true' : 'false');
  }
  function check(path) {
    const input = inputs.get(path);
    const problem =
      path === 'pause.end'
        ? pauseEndProblem(inputs.get('pause.start').value, input.value)
        : (checks.get(path)?.(input.value) ?? null);
    showProblem(path, problem);
    return problem;
  }

  const controls = FIELDS.map(([path, label, type, rule, extra = {}]) => {
    const input = h('input', {
      type,
      name: path,
      'data-testid': `nc-${path}`,
      value:
        path === 'admissionDate' || path === 'pause.start'
          ? today()
          : helpRequest && valueAt(helpRequest.caseDraft, path),
      ...extra,
      oninput: () => {
        check(path);
        if (path === 'pause.start') {
          check('pause.end');
        }
      },
    });
    const error = h('small', {
      class: 'field-error',
      id: `error-${path}`,
      'data-testid': `error-${path}`,
      'aria-live': 'polite',
    });
    input.setAttribute('aria-describedby', error.id);
    inputs.set(path, input);
    errors.set(path, error);
    checks.set(path, rule);
    const wrapper = field(label, input);
    wrapper.append(error);
    return wrapper;
  });
  const byPrefix = (prefix) => controls.filter((_, i) => FIELDS[i][0].startsWith(prefix));

  // creditors: from the hub directory, or typed OINs when the hub cannot be reached
  const creditorsError = h('small', {
    class: 'field-error',
    id: 'error-creditors',
    'data-testid': 'error-creditors',
    'aria-live': 'polite',
  });
  errors.set('creditors', creditorsError);
  const picks = h('div', { class: 'creditor-picks', 'data-testid': 'directory-list' });
  let freeOins = null;
  try {
    const directory = await api('GET', '/directory');
    replace(
      picks,
      directory.length === 0
        ? h('p', { class: 'empty' }, 'Er zijn nog geen schuldeisers aangesloten.')
        : null,
      directory.map((entry) =>
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            name: 'creditor',
            value: entry.oin,
            'data-testid': 'creditor-option',
          }),
          `${entry.name} `,
          h('code', {}, entry.oin),
        ),
      ),
    );
  } catch {
    freeOins = h('input', {
      name: 'creditorOins',
      'data-testid': 'free-oin',
      'aria-describedby': 'error-creditors',
    });
    replace(
      picks,
      h(
        'p',
        { class: 'muted' },
        'De lijst met schuldeisers is nu niet bereikbaar. Typ het OIN van elke schuldeiser, gescheiden door komma’s.',
      ),
      field('OIN van de schuldeisers', freeOins),
    );
  }
  function chosenOins() {
    const checked = [...picks.querySelectorAll('input[name=creditor]:checked')].map((el) => el.value);
    const typed = freeOins ? freeOins.value.split(/[\s,;]+/).filter(Boolean) : [];
    return [...checked, ...typed];
  }
  function checkCreditors() {
    const oins = chosenOins();
    const problem =
      oins.length === 0 ? 'Kies minstens één schuldeiser.' : (oins.map(oinProblem).find(Boolean) ?? null);
    creditorsError.textContent = problem ?? '';
    return problem;
  }

  const general = h('div', { class: 'error', role: 'alert', 'data-testid': 'form-error', hidden: true });
  const submit = h('button', { type: 'submit', 'data-testid': 'nc-submit' }, 'Zaak aanmaken en versturen');

  async function send(event) {
    event.preventDefault();
    general.hidden = true;
    const problems = [...inputs.keys()].filter((path) => check(path));
    if (checkCreditors()) {
      problems.push('creditors');
    }
    if (problems.length > 0) {
      (inputs.get(problems[0]) ?? picks.querySelector('input'))?.focus();
      return;
    }
    const body = {};
    for (const [path, input] of inputs) {
      const value = input.value.trim();
      if (value === '') {
        continue;
      }
      set(body, path, path === 'debtor.address.houseNumber' ? Number(value) : value);
    }
    body.creditors = chosenOins().map((oin) => ({ oin }));
    submit.disabled = true;
    try {
      const result = helpRequest
        ? await api('POST', `/help-requests/${encodeURIComponent(helpRequest.id)}/status`, {
            status: 'ADMITTED',
            case: body,
          })
        : await api('POST', '/kennisgevingen', body);
      ctx.flash('De zaak is aangemaakt en naar de schuldeisers verstuurd.', 'ok');
      ctx.go(caseHash(result.caseReference));
    } catch (e) {
      const unplaced = [];
      for (const v of e.violations) {
        // the admission's violations name the case's fields under `case.`
        const own = helpRequest ? v.field.replace(/^case\./, '') : v.field;
        const path = own.startsWith('creditors') ? 'creditors' : own;
        if (errors.has(path)) {
          errors.get(path).textContent = ruleText(v);
          inputs.get(path)?.setAttribute('aria-invalid', 'true');
        } else {
          unplaced.push(`${v.field}: ${ruleText(v)}`);
        }
      }
      general.textContent = e.violations.length
        ? ['Controleer de velden met een melding.', ...unplaced].join(' ')
        : `Versturen lukte niet: ${e.message}`;
      general.hidden = false;
    } finally {
      submit.disabled = false;
    }
  }

  replace(
    ctx.main,
    h(
      'h1',
      { tabindex: '-1' },
      helpRequest ? `Nieuwe zaak uit hulpvraag ${helpRequest.reference}` : 'Nieuwe zaak',
    ),
    helpRequest
      ? h(
          'p',
          { 'data-testid': 'nc-signal' },
          'Toegelaten na de Pauzeknop: de schuldeisers krijgen signaal 1 (de persoon vroeg zelf om hulp). ',
          'De gegevens komen uit de hulpvraag; vul aan wat ontbreekt.',
        )
      : null,
    h(
      'form',
      { 'data-testid': 'new-case-form', novalidate: true, onsubmit: send },
      h(
        'fieldset',
        {},
        h('legend', {}, 'Zaak'),
        h('div', { class: 'form-grid' }, byPrefix('caseReference'), byPrefix('admissionDate')),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Persoon'),
        h(
          'div',
          { class: 'form-grid' },
          byPrefix('debtor.bsn'),
          byPrefix('debtor.initials'),
          byPrefix('debtor.givenNames'),
          byPrefix('debtor.surnamePrefix'),
          byPrefix('debtor.surname'),
          byPrefix('debtor.birthDate'),
        ),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Adres'),
        h('div', { class: 'form-grid' }, byPrefix('debtor.address')),
      ),
      h('fieldset', {}, h('legend', {}, 'Pauze'), h('div', { class: 'form-grid' }, byPrefix('pause'))),
      h('fieldset', {}, h('legend', {}, 'Schuldeisers'), picks, creditorsError),
      general,
      submit,
    ),
  );
}
