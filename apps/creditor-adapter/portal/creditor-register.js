// #/register: the pause register, a lookup of one debtor, and the CSV export of paused debtors.
import { api, apiBlob, query } from './api.js';
import { badge, date, download, h, replace, table } from './dom.js';
import { liftReasonText } from './creditor-labels.js';
import { clearErrors, control, formError, input, select, showViolations } from './forms.js';
import { bsnProblem, dateProblem, postcodeProblem } from './rules.js';

const STATES = { active: 'Lopende pauzes', ended: 'Afgelopen pauzes', all: 'Alle pauzes' };
const PAGE_SIZE = 50;

export async function renderRegister(ctx) {
  const view = { state: 'active', offset: 0 };
  const list = h('div', { 'data-testid': 'register-list' });
  const stateSelect = select('registerState', STATES, { testid: 'register-filter-state', value: view.state });
  const load = async () => {
    const page = await api(
      'GET',
      `/pauses${query({ state: view.state, limit: PAGE_SIZE, offset: view.offset })}`,
    );
    replace(
      list,
      registerTable(page.pauses),
      pager(page, (offset) => {
        view.offset = offset;
        void load().catch((error) => ctx.flash(error.message, 'error'));
      }),
    );
  };
  stateSelect.onchange = () => {
    view.state = stateSelect.value;
    view.offset = 0;
    void load().catch((error) => ctx.flash(error.message, 'error'));
  };
  const exportButton = h(
    'button',
    { type: 'button', 'data-testid': 'export-csv', onclick: () => exportCsv(ctx, exportButton) },
    'Exporteer CSV',
  );
  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Pauzeregister'),
    h(
      'p',
      {},
      'Debiteuren voor wie een pauze geldt. Tijdens de pauze stuurt u geen aanmaningen en schakelt u geen deurwaarder in.',
    ),
    lookupSection(),
    h('h2', {}, 'Gepauzeerde debiteuren'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', {}, 'Toon ', stateSelect),
      exportButton,
      h('span', { class: 'hint' }, 'De export bevat alle lopende pauzes, voor uw incassosysteem.'),
    ),
    list,
  );
  await load();
}

async function exportCsv(ctx, button) {
  button.disabled = true;
  try {
    const blob = await apiBlob('/pauses/export.csv');
    download(`gepauzeerde-debiteuren-${todayInAmsterdam()}.csv`, blob);
    ctx.flash('De export is gedownload.', 'ok');
  } catch (error) {
    ctx.flash(`De export is niet gelukt: ${error.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

function todayInAmsterdam() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

function debtorName(entry) {
  const d = entry.debtor;
  return d ? [d.givenNames, d.surnamePrefix, d.surname].filter(Boolean).join(' ') : '';
}

function registerTable(pauses) {
  return table(
    [
      { label: 'Naam', cell: debtorName },
      { label: 'Geboortedatum', cell: (p) => date(p.debtor?.birthDate) },
      { label: 'Postcode', cell: (p) => p.debtor?.address.postcode ?? '' },
      { label: 'BSN', cell: (p) => p.bsn ?? '' },
      { label: 'Klantnummer', cell: (p) => p.customerNumber ?? '' },
      { label: 'Gepauzeerd sinds', cell: (p) => date(p.startDate) },
      { label: 'Tot en met', cell: (p) => date(p.endDate) },
      { label: 'Zaak', cell: (p) => p.caseReference },
      { label: 'Gemeente', cell: (p) => p.municipality.name },
      {
        label: 'Stand',
        cell: (p) =>
          p.active
            ? badge('Gepauzeerd', 'paused')
            : badge(p.liftReason ? liftReasonText(p.liftReason) : 'Afgelopen', 'ended'),
      },
    ],
    pauses.map((p) => ({ ...p, __id: p.conversationId })),
    { testid: 'register-table', empty: 'Er zijn geen pauzes die bij dit filter passen.' },
  );
}

function pager(page, go) {
  const last = Math.min(page.offset + page.limit, page.total);
  const previous = h(
    'button',
    { type: 'button', onclick: () => go(Math.max(0, page.offset - page.limit)) },
    'Vorige',
  );
  const next = h('button', { type: 'button', onclick: () => go(page.offset + page.limit) }, 'Volgende');
  previous.disabled = page.offset === 0;
  next.disabled = last >= page.total;
  return h(
    'p',
    { class: 'pager', 'data-testid': 'register-pager' },
    `${page.total === 0 ? 0 : page.offset + 1}–${last} van ${page.total} `,
    previous,
    ' ',
    next,
  );
}

const LOOKUP_MODES = {
  customerNumber: 'Klantnummer',
  person: 'Achternaam, geboortedatum en postcode',
  bsn: 'BSN (alleen als u het BSN mag verwerken)',
};

function lookupSection() {
  const mode = select('lookupMode', LOOKUP_MODES, { testid: 'lookup-mode', value: 'customerNumber' });
  const fields = {
    customerNumber: input('customerNumber', { autocomplete: 'off', 'data-testid': 'lookup-customerNumber' }),
    surname: input('surname', { autocomplete: 'off', 'data-testid': 'lookup-surname' }),
    birthDate: input('birthDate', { type: 'date', 'data-testid': 'lookup-birthDate' }),
    postcode: input('postcode', { autocomplete: 'off', 'data-testid': 'lookup-postcode', maxlength: '7' }),
    bsn: input('bsn', {
      autocomplete: 'off',
      inputmode: 'numeric',
      maxlength: '9',
      'data-testid': 'lookup-bsn',
    }),
  };
  const groups = {
    customerNumber: [control('Klantnummer', 'customerNumber', fields.customerNumber)],
    person: [
      control('Achternaam (met of zonder tussenvoegsel)', 'surname', fields.surname),
      control('Geboortedatum', 'birthDate', fields.birthDate),
      control('Postcode', 'postcode', fields.postcode, 'Bijvoorbeeld 3521 AZ'),
    ],
    bsn: [control('BSN', 'bsn', fields.bsn, '9 cijfers')],
  };
  const answer = h('div', { 'data-testid': 'lookup-answer', 'aria-live': 'polite' });
  const showMode = () => {
    for (const [key, rows] of Object.entries(groups)) {
      rows.forEach((row) => (row.hidden = key !== mode.value));
    }
  };
  const form = h(
    'form',
    { 'data-testid': 'lookup-form', novalidate: 'novalidate' },
    control('Zoeken op', 'lookupMode', mode),
    ...Object.values(groups).flat(),
    formError(),
    h('button', { type: 'submit', 'data-testid': 'lookup-submit' }, 'Opzoeken'),
  );
  mode.onchange = () => {
    showMode();
    clearErrors(form);
    replace(answer);
  };
  showMode();
  form.onsubmit = (event) => {
    event.preventDefault();
    void lookup(form, mode.value, fields, answer);
  };
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'lookup-heading' },
    h('h2', { id: 'lookup-heading' }, 'Is deze debiteur gepauzeerd?'),
    form,
    answer,
  );
}

async function lookup(form, mode, fields, answer) {
  const body =
    mode === 'person'
      ? { surname: fields.surname.value, birthDate: fields.birthDate.value, postcode: fields.postcode.value }
      : { [mode]: fields[mode].value };
  clearErrors(form);
  replace(answer);
  const problems = lookupProblems(body);
  if (problems.length > 0) {
    showViolations(form, problems);
    return;
  }
  try {
    // personal data only ever in the body of a POST
    replace(answer, lookupAnswer(await api('POST', '/pauses/lookup', body)));
  } catch (error) {
    showViolations(
      form,
      error.violations?.length ? error.violations : error.body?.field ? [error.body] : [],
      error.message,
    );
  }
}

function lookupAnswer(status) {
  if (!status.paused) {
    return h(
      'p',
      { class: 'card', 'data-testid': 'lookup-result', 'data-paused': 'false' },
      'Niet gepauzeerd. Voor deze debiteur geldt bij ons geen pauze.',
    );
  }
  const counsellor = status.counsellor;
  return h(
    'div',
    { class: 'card', 'data-testid': 'lookup-result', 'data-paused': 'true' },
    h(
      'p',
      {},
      h('strong', {}, `Gepauzeerd tot en met ${date(status.pausedUntil)}`),
      ` (sinds ${date(status.since)}).`,
    ),
    h('p', {}, 'Stuur tot die datum geen aanmaningen en schakel geen deurwaarder in.'),
    h('p', {}, `Zaak ${status.caseReference} bij ${status.municipality?.name ?? 'de gemeente'}.`),
    counsellor
      ? h(
          'p',
          {},
          `Contact: ${[counsellor.name, counsellor.organisation, counsellor.email, counsellor.phone].filter(Boolean).join(', ')}.`,
        )
      : '',
  );
}

/** The checks the API makes, done here first to spare a round trip (rules.js agrees with the API). */
function lookupProblems(body) {
  const problems = [];
  const check = (field, message) => message && problems.push({ field, rule: 'client', message });
  if ('customerNumber' in body) {
    check('customerNumber', body.customerNumber.trim() ? null : 'Vul het klantnummer in.');
  }
  if ('bsn' in body) {
    check('bsn', bsnProblem(body.bsn));
  }
  if ('surname' in body) {
    check('surname', body.surname.trim() ? null : 'Vul de achternaam in.');
    check('birthDate', dateProblem(body.birthDate));
    check('postcode', postcodeProblem(body.postcode));
  }
  return problems;
}
