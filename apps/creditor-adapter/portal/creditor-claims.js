// #/vorderingen: upload of the claims register (CSV) with per-line errors, and the list of claims.
import { api, apiUpload, query } from './api.js';
import { date, dateTime, h, money, replace, table } from './dom.js';
import { CLAIM_KINDS, label, violationText } from './creditor-labels.js';

const COLUMNS =
  'reference;kind;originalAmountCents;outstandingAmountCents;customerNumber;bsn;surname;birthDate;postcode;since';

export async function renderClaims(ctx) {
  const list = h('div', { 'data-testid': 'claims-list' });
  const load = async () => {
    const page = await api('GET', `/claims${query({ limit: 200 })}`);
    const count = page.total === 1 ? '1 vordering' : `${page.total} vorderingen`;
    replace(list, h('p', {}, `${count} in het register.`), claimsTable(page.claims));
  };
  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Vorderingen'),
    h(
      'p',
      {},
      'Uw openstaande vorderingen. Het knooppunt gebruikt ze voor saldo-opgaven bij Collectief Schuldregelen.',
    ),
    ctx.canEdit
      ? uploadSection(ctx, load)
      : h('p', { 'data-testid': 'viewer-note' }, 'Alleen een bewerker kan vorderingen uploaden.'),
    h('h2', {}, 'Vorderingen in het register'),
    list,
  );
  await load();
}

function uploadSection(ctx, reload) {
  const file = h('input', {
    type: 'file',
    accept: '.csv,text/csv',
    'data-testid': 'claims-file',
    id: 'claims-file',
  });
  const progress = h('progress', {
    max: '1',
    value: '0',
    class: 'progress',
    'data-testid': 'claims-progress',
    'aria-label': 'Voortgang van het uploaden',
  });
  progress.hidden = true;
  const result = h('div', { 'data-testid': 'claims-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', 'data-testid': 'claims-upload' }, 'Uploaden');
  const form = h(
    'form',
    { 'data-testid': 'claims-form' },
    h('label', { for: 'claims-file' }, 'CSV-bestand met vorderingen'),
    file,
    h(
      'p',
      { class: 'hint' },
      `Scheidingsteken ; of , en een kopregel met de kolommen ${COLUMNS}. Bedragen in centen. Een BSN alleen als u het mag verwerken. Bestaande vorderingen (zelfde referentie) worden bijgewerkt.`,
    ),
    button,
    progress,
  );
  form.onsubmit = async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      replace(result, h('p', { class: 'error', role: 'alert' }, 'Kies eerst een bestand.'));
      return;
    }
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    replace(result);
    try {
      const answer = await apiUpload('/claims/import', await chosen.text(), 'text/csv', (fraction) => {
        progress.value = fraction;
      });
      progress.value = 1;
      replace(result, importResult(answer));
      await reload();
    } catch (error) {
      const problems = error.violations ?? [];
      replace(
        result,
        h(
          'div',
          { class: 'error', role: 'alert', 'data-testid': 'claims-file-error' },
          h('p', {}, 'Het bestand is niet ingelezen.'),
          ...(problems.length > 0
            ? [h('ul', {}, ...problems.map((v) => h('li', {}, violationText(v))))]
            : [h('p', {}, error.message)]),
        ),
      );
    } finally {
      button.disabled = false;
    }
  };
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'upload-heading' },
    h('h2', { id: 'upload-heading' }, 'Vorderingen uploaden'),
    form,
    result,
  );
}

function importResult(answer) {
  const errors = answer.rows.filter((row) => row.status === 'ERROR');
  return h(
    'div',
    {},
    h(
      'p',
      { 'data-testid': 'claims-summary' },
      `${lines(answer.summary.stored)} opgeslagen, ${lines(answer.summary.failed)} met fouten.`,
    ),
    ...(errors.length > 0
      ? [
          table(
            [
              { label: 'Regel', cell: (row) => String(row.line) },
              { label: 'Referentie', cell: (row) => row.reference ?? '' },
              {
                label: 'Wat er niet klopt',
                cell: (row) => h('ul', {}, ...row.errors.map((v) => h('li', {}, violationText(v)))),
              },
            ],
            errors.map((row) => ({ ...row, __id: String(row.line) })),
            { testid: 'claims-errors' },
          ),
        ]
      : []),
  );
}

function claimsTable(claims) {
  return table(
    [
      { label: 'Referentie', cell: (c) => c.reference },
      { label: 'Soort', cell: (c) => label(CLAIM_KINDS, c.kind) },
      { label: 'Oorspronkelijk', cell: (c) => money(c.originalAmountCents), class: 'num' },
      { label: 'Openstaand', cell: (c) => money(c.outstandingAmountCents), class: 'num' },
      { label: 'Klantnummer', cell: (c) => c.customerNumber ?? '' },
      { label: 'Geboortedatum', cell: (c) => (c.birthDate ? date(c.birthDate) : '') },
      { label: 'Postcode', cell: (c) => c.postcode ?? '' },
      { label: 'Sinds', cell: (c) => (c.since ? date(c.since) : '') },
      { label: 'Bijgewerkt', cell: (c) => dateTime(c.updatedAt) },
    ],
    claims.map((c) => ({ ...c, __id: c.reference })),
    { testid: 'claims-table', empty: 'Er staan nog geen vorderingen in het register.' },
  );
}

function lines(n) {
  return n === 1 ? '1 regel' : `${n} regels`;
}
