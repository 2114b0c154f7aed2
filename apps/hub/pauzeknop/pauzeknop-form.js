// The Pauzeknop form: its fields (named as the API names them in a violation), and the checks that
// run as the resident types, with the same rules as the API (libs/web-ui/rules.js).
import { h } from './dom.js';
import { control, formError, input } from './forms.js';
import {
  bsnProblem,
  dateProblem,
  houseLetterProblem,
  houseNumberAdditionProblem,
  houseNumberProblem,
  postcodeProblem,
  requiredProblem,
} from './rules.js';

const today = () => new Date().toISOString().slice(0, 10);

function birthDateProblem(value) {
  return dateProblem(value) ?? (value > today() ? 'Een geboortedatum ligt niet in de toekomst.' : null);
}

function emailProblem(value) {
  return !value || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : 'Dit is geen e-mailadres.';
}

/** Each field: its API name, its label, the control, an optional hint and its check as typed. */
const FIELDS = [
  [
    'resident.givenNames',
    'Voornaam',
    () => input('resident.givenNames', { autocomplete: 'given-name' }),
    null,
    (v) => requiredProblem(v, 'uw voornaam'),
  ],
  [
    'resident.surnamePrefix',
    'Tussenvoegsel (als u dat heeft)',
    () => input('resident.surnamePrefix'),
    null,
    () => null,
  ],
  [
    'resident.surname',
    'Achternaam',
    () => input('resident.surname', { autocomplete: 'family-name' }),
    null,
    (v) => requiredProblem(v, 'uw achternaam'),
  ],
  [
    'resident.birthDate',
    'Geboortedatum',
    () => input('resident.birthDate', { type: 'date', autocomplete: 'bday' }),
    null,
    birthDateProblem,
  ],
  [
    'resident.address.street',
    'Straat',
    () => input('resident.address.street', { autocomplete: 'address-line1' }),
    null,
    (v) => requiredProblem(v, 'uw straat'),
  ],
  [
    'resident.address.houseNumber',
    'Huisnummer',
    () => input('resident.address.houseNumber', { inputmode: 'numeric' }),
    null,
    houseNumberProblem,
  ],
  [
    'resident.address.houseLetter',
    'Huisletter (als u die heeft)',
    () => input('resident.address.houseLetter'),
    null,
    houseLetterProblem,
  ],
  [
    'resident.address.houseNumberAddition',
    'Toevoeging (als u die heeft)',
    () => input('resident.address.houseNumberAddition'),
    null,
    houseNumberAdditionProblem,
  ],
  [
    'resident.address.postcode',
    'Postcode',
    () => input('resident.address.postcode', { autocomplete: 'postal-code' }),
    'Bijvoorbeeld 3521 AZ',
    postcodeProblem,
  ],
  [
    'resident.address.city',
    'Woonplaats',
    () => input('resident.address.city', { autocomplete: 'address-level2' }),
    null,
    (v) => requiredProblem(v, 'uw woonplaats'),
  ],
  [
    'contact.phone',
    'Telefoonnummer',
    () => input('contact.phone', { type: 'tel', autocomplete: 'tel' }),
    null,
    () => null,
  ],
  [
    'contact.email',
    'E-mailadres',
    () => input('contact.email', { type: 'email', autocomplete: 'email' }),
    null,
    emailProblem,
  ],
  [
    'resident.bsn',
    'BSN (mag leeg blijven)',
    () => input('resident.bsn', { inputmode: 'numeric' }),
    'Uw burgerservicenummer. Dan kan de gemeente u sneller helpen.',
    (v) => (v ? bsnProblem(v) : null),
  ],
];

/** Builds the form; `municipalities` as the API lists them, `preselected` an OIN or ''. */
export function helpRequestForm(municipalities, preselected) {
  const select = h(
    'select',
    { name: 'municipality', 'data-testid': 'input-municipality' },
    h('option', { value: '' }, 'Kies uw gemeente'),
    ...municipalities.map((m) =>
      h('option', { value: m.oin, selected: m.oin === preselected ? 'selected' : undefined }, m.name),
    ),
  );
  const rows = new Map(
    FIELDS.map(([name, label, make, hint]) => [name, control(label, name, make(), hint ?? undefined)]),
  );
  const contactError = h('p', {
    class: 'error',
    id: 'err-contact',
    'data-error-for': 'contact',
    'data-testid': 'error-contact',
    hidden: true,
  });
  const description = h('textarea', {
    name: 'description',
    rows: 4,
    maxlength: 2000,
    'data-testid': 'input-description',
  });
  const urgent = h('input', { type: 'checkbox', name: 'urgent', 'data-testid': 'input-urgent' });
  const consent = h('input', { type: 'checkbox', name: 'consent', 'data-testid': 'input-consent' });
  const consentRow = control('', 'consent', consent);
  consentRow.replaceChildren(
    h(
      'label',
      { class: 'check' },
      consent,
      'Ik geef toestemming dat de gemeente deze gegevens krijgt om mij te helpen.',
    ),
    consentRow.querySelector('[data-error-for]'),
  );
  const urgentLabel = h(
    'label',
    { class: 'check' },
    urgent,
    'Het is dringend: ik moet binnenkort mijn huis uit, of gas, water of stroom wordt afgesloten, of er is beslag op mijn loon.',
  );
  const form = h(
    'form',
    { novalidate: true, 'data-testid': 'pauzeknop-form' },
    h('fieldset', {}, h('legend', {}, 'Uw gemeente'), control('Gemeente', 'municipality', select)),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Over u'),
      ...[
        'resident.givenNames',
        'resident.surnamePrefix',
        'resident.surname',
        'resident.birthDate',
        'resident.bsn',
      ].map((n) => rows.get(n)),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Uw adres'),
      ...[...rows.keys()].filter((n) => n.startsWith('resident.address.')).map((n) => rows.get(n)),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Hoe kan de gemeente u bereiken?'),
      h(
        'p',
        { class: 'hint', id: 'contact-hint' },
        'Vul een telefoonnummer of een e-mailadres in, of allebei.',
      ),
      rows.get('contact.phone'),
      rows.get('contact.email'),
      contactError,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Wat is er aan de hand?'),
      control('Vertel kort waar u hulp bij nodig heeft (mag leeg blijven)', 'description', description),
      urgentLabel,
    ),
    consentRow,
    formError(),
    h('button', { type: 'submit', 'data-testid': 'pauzeknop-submit' }, 'Vraag hulp aan'),
    h('p', { class: 'pk-status', role: 'status', 'data-testid': 'pauzeknop-status' }),
  );
  // the phone-or-email rule is told at the first of the two fields
  const phone = form.elements.namedItem('contact.phone');
  phone.setAttribute(
    'aria-describedby',
    `${phone.getAttribute('aria-describedby')} contact-hint err-contact`,
  );
  return form;
}

function valueOf(form, name) {
  return form.elements.namedItem(name)?.value?.trim() ?? '';
}

/** The problems of the form as it is now, as {field, message}, in the order of the form. */
export function formProblems(form, only) {
  const problems = [];
  if (!valueOf(form, 'municipality')) {
    problems.push({ field: 'municipality', message: 'Kies uw gemeente.' });
  }
  for (const [name, , , , check] of FIELDS) {
    const problem = check(valueOf(form, name));
    if (problem) {
      problems.push({ field: name, message: problem });
    }
  }
  if (!valueOf(form, 'contact.phone') && !valueOf(form, 'contact.email')) {
    problems.push({ field: 'contact', message: 'Vul een telefoonnummer of een e-mailadres in.' });
  }
  if (!form.elements.namedItem('consent').checked) {
    problems.push({ field: 'consent', message: 'Geef toestemming, anders kan de gemeente u niet helpen.' });
  }
  return only ? problems.filter((p) => only.includes(p.field)) : problems;
}

/** What the API receives: the HelpRequest's own shape, without the challenge. */
export function formBody(form) {
  const v = (name) => valueOf(form, name);
  return {
    municipality: v('municipality'),
    resident: {
      givenNames: v('resident.givenNames'),
      surnamePrefix: v('resident.surnamePrefix'),
      surname: v('resident.surname'),
      birthDate: v('resident.birthDate'),
      bsn: v('resident.bsn'),
      address: {
        street: v('resident.address.street'),
        houseNumber: v('resident.address.houseNumber'),
        houseLetter: v('resident.address.houseLetter'),
        houseNumberAddition: v('resident.address.houseNumberAddition'),
        postcode: v('resident.address.postcode'),
        city: v('resident.address.city'),
      },
    },
    contact: { phone: v('contact.phone'), email: v('contact.email') },
    description: v('description'),
    consent: form.elements.namedItem('consent').checked,
    urgent: form.elements.namedItem('urgent').checked,
  };
}
