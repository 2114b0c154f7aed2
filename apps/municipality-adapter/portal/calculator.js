// The proposal calculator of a dossier: the terms the proposal route takes; each creditor's offer
// comes from the preview route (the same calculation, nothing sent); editors may then send it.
import { api } from './api.js';
import { date, field, h, money, replace, table } from './dom.js';
import { euroToCents } from './forms.js';
import { dateProblem } from './rules.js';
import { ARRANGEMENT_TYPE, ruleText } from './words.js';

/** "45,5" → "45.50"; null unless 0 to 100 with at most two decimals. */
export function percentage(text) {
  const clean = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(clean) || Number(clean) > 100) {
    return null;
  }
  return Number(clean).toFixed(2);
}

export function proposalCalculator(ctx, dossier, names, onSent) {
  const type = h(
    'select',
    { name: 'arrangementType', 'data-testid': 'calc-type' },
    Object.entries(ARRANGEMENT_TYPE).map(([value, label]) => h('option', { value }, label)),
  );
  const basis = h(
    'select',
    { name: 'basis', 'data-testid': 'calc-basis', onchange: () => toggle() },
    h('option', { value: 'percentage' }, 'Een percentage van de schuld'),
    h('option', { value: 'available' }, 'Het bedrag dat beschikbaar is'),
  );
  const pct = h('input', {
    name: 'payoutPercentage',
    inputmode: 'decimal',
    'data-testid': 'calc-percentage',
  });
  const available = h('input', {
    name: 'availableCents',
    inputmode: 'decimal',
    'data-testid': 'calc-available',
  });
  const term = h('input', {
    name: 'termMonths',
    type: 'number',
    min: 1,
    max: 36,
    value: '18',
    'data-testid': 'calc-term',
  });
  const start = h('input', { name: 'startDate', type: 'date', 'data-testid': 'calc-start' });
  const pctField = field('Percentage (bijvoorbeeld 45,5)', pct);
  const availableField = field('Beschikbaar bedrag in euro, voor alle schuldeisers samen', available);
  const error = h('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'calc-error' });
  const offers = h('div', { 'aria-live': 'polite' });
  let lastTerms = null;

  function toggle() {
    pctField.hidden = basis.value !== 'percentage';
    availableField.hidden = basis.value !== 'available';
  }

  function terms() {
    const body = { arrangementType: type.value, termMonths: Number(term.value) };
    if (basis.value === 'percentage') {
      const value = percentage(pct.value);
      if (value === null) {
        throw new Error('Vul een percentage in van 0 tot 100, met hoogstens twee cijfers achter de komma.');
      }
      body.payoutPercentage = value;
    } else {
      const cents = euroToCents(available.value);
      if (Number.isNaN(cents)) {
        throw new Error('Vul een bedrag in euro in, bijvoorbeeld 2.500,00.');
      }
      body.availableCents = cents;
    }
    if (!Number.isInteger(body.termMonths) || body.termMonths < 1 || body.termMonths > 36) {
      throw new Error('De looptijd is 1 tot 36 maanden.');
    }
    if (start.value) {
      const problem = dateProblem(start.value);
      if (problem) {
        throw new Error(problem);
      }
      body.startDate = start.value;
    }
    return body;
  }

  function fail(e) {
    error.textContent = e.violations?.length
      ? e.violations.map((v) => `${v.field}: ${ruleText(v)}`).join(' ')
      : e.message;
    error.hidden = false;
  }

  async function send() {
    if (!lastTerms || !window.confirm('Het voorstel naar alle schuldeisers met een vordering sturen?')) {
      return;
    }
    try {
      await api('POST', `/schuldregelingen/${encodeURIComponent(dossier.caseReference)}/proposal`, lastTerms);
      ctx.flash('Het voorstel is verstuurd.', 'ok');
      await onSent();
    } catch (e) {
      fail(e);
    }
  }

  async function preview(event) {
    event.preventDefault();
    error.hidden = true;
    try {
      lastTerms = terms();
      const result = await api(
        'POST',
        `/schuldregelingen/${encodeURIComponent(dossier.caseReference)}/proposal/preview`,
        lastTerms,
      );
      replace(
        offers,
        h(
          'p',
          { 'data-testid': 'calc-summary' },
          `${result.payoutPercentage.replace('.', ',')} % van ${money(result.totalDebtCents)}: samen ${money(result.offeredTotalCents)} over ${result.termMonths} maanden (${date(result.startDate)} tot ${date(result.endDate)}).`,
        ),
        result.balancesComplete
          ? null
          : h(
              'p',
              { class: 'muted' },
              'Nog niet alle schuldeisers hebben hun saldo opgegeven: het voorstel kan pas daarna weg.',
            ),
        table(
          [
            {
              label: 'Schuldeiser',
              cell: (o) =>
                h('span', {}, names.get(o.oin) ? `${names.get(o.oin)} ` : '', h('code', {}, o.oin)),
            },
            { label: 'Vordering', cell: (o) => money(o.creditorTotalCents), class: 'num' },
            {
              label: 'Aanbod',
              cell: (o) => h('span', { 'data-testid': 'offer-amount' }, money(o.offeredAmountCents)),
              class: 'num',
            },
          ],
          result.offers.map((o) => ({ ...o, __id: o.oin })),
          { testid: 'calc-offers' },
        ),
        ctx.canEdit && result.balancesComplete
          ? h(
              'button',
              {
                type: 'button',
                'data-editor-only': true,
                'data-testid': 'calc-send',
                onclick: () => void send(),
              },
              'Voorstel versturen',
            )
          : null,
      );
    } catch (e) {
      fail(e);
    }
  }

  const form = h(
    'form',
    { 'data-testid': 'calc-form', onsubmit: preview },
    h(
      'div',
      { class: 'form-grid' },
      field('Soort regeling', type),
      field('Uitgaan van', basis),
      pctField,
      availableField,
      field('Looptijd in maanden', term),
      field('Eerste maand (leeg: volgende maand)', start),
    ),
    error,
    h('button', { type: 'submit', class: 'secondary', 'data-testid': 'calc-preview' }, 'Bereken het aanbod'),
    offers,
  );
  toggle();
  return form;
}
