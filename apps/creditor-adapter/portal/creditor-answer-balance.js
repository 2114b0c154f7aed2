// The answer to a BalanceRequest: the claims on this debtor, or "not known here".
import { h, money, replace } from './dom.js';
import { CLAIM_KINDS } from './creditor-labels.js';
import { control, euroToCents, formError, input, select } from './forms.js';
import { submitAnswer } from './creditor-answer-submit.js';

export function balanceForm(entry, onAnswered) {
  const { collective } = entry.message.body;
  const known = h('input', {
    type: 'radio',
    name: 'known',
    value: 'yes',
    'data-testid': 'known-yes',
    checked: true,
  });
  const unknown = h('input', { type: 'radio', name: 'known', value: 'no', 'data-testid': 'known-no' });
  const rows = h('div', { 'data-testid': 'claim-rows' });
  const total = h('output', { 'data-testid': 'balance-total' }, money(0));
  const preApproval = h('input', {
    type: 'checkbox',
    name: 'preApproval',
    'data-testid': 'input-preApproval',
  });
  const paymentReference = input('paymentReference', { autocomplete: 'off' });
  const note = h('textarea', { name: 'note', rows: '3', maxlength: '2000', 'data-testid': 'input-note' });
  const claimLines = [];
  const updateTotal = () => {
    const sum = claimLines.reduce((acc, line) => acc + (euroToCents(line.outstanding.value) || 0), 0);
    replace(total, money(sum));
  };
  const addLine = () => {
    const line = claimLine(claimLines.length, updateTotal);
    claimLines.push(line);
    rows.append(line.el);
  };
  addLine();
  const claimsPart = h(
    'div',
    {},
    h('h3', {}, 'Vorderingen'),
    rows,
    h('p', { class: 'error', 'data-error-for': 'claims', 'data-testid': 'error-claims', hidden: true }),
    h('button', { type: 'button', 'data-testid': 'claim-add', onclick: addLine }, 'Nog een vordering'),
    h('p', {}, 'Totaal openstaand: ', total),
  );
  const form = h(
    'form',
    { 'data-testid': 'balance-form', novalidate: 'novalidate' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Is deze debiteur bij u bekend?'),
      h('label', { class: 'choice' }, known, ' Ja, met deze vorderingen'),
      h('label', { class: 'choice' }, unknown, ' Nee, niet bekend'),
    ),
    claimsPart,
    ...(collective
      ? [
          h(
            'div',
            { class: 'form-row' },
            h(
              'label',
              { class: 'choice' },
              preApproval,
              ' Vooraf akkoord met een regeling volgens de normen',
            ),
            h('p', {
              class: 'error',
              'data-error-for': 'preApproval',
              'data-testid': 'error-preApproval',
              hidden: true,
            }),
          ),
        ]
      : []),
    control('Betalingskenmerk (niet verplicht)', 'paymentReference', paymentReference),
    control('Toelichting voor de gemeente (niet verplicht)', 'note', note),
    formError(),
    h('button', { type: 'submit', 'data-testid': 'balance-submit' }, 'Saldo-opgave versturen'),
  );
  const showClaims = () => {
    claimsPart.hidden = !known.checked;
  };
  known.onchange = showClaims;
  unknown.onchange = showClaims;
  form.onsubmit = (event) => {
    event.preventDefault();
    const claims = known.checked ? claimLines.map(readLine) : [];
    const body = {
      known: known.checked,
      claims,
      totalOutstandingCents: claims.reduce(
        (acc, c) => acc + (Number.isFinite(c.outstandingAmountCents) ? c.outstandingAmountCents : 0),
        0,
      ),
      ...(collective ? { preApproval: preApproval.checked } : {}),
      ...(paymentReference.value.trim() ? { paymentReference: paymentReference.value.trim() } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    void submitAnswer(form, `/inbox/${entry.messageId}/balance`, body, onAnswered);
  };
  return form;
}

function claimLine(index, onAmount) {
  const reference = input(`claims[${index}].reference`, {
    autocomplete: 'off',
    'data-testid': 'claim-reference',
  });
  const kind = select(`claims[${index}].kind`, CLAIM_KINDS, { testid: 'claim-kind' });
  const original = input(`claims[${index}].originalAmountCents`, {
    inputmode: 'decimal',
    'data-testid': 'claim-original',
  });
  const outstanding = input(`claims[${index}].outstandingAmountCents`, {
    inputmode: 'decimal',
    'data-testid': 'claim-outstanding',
  });
  outstanding.oninput = onAmount;
  const el = h(
    'fieldset',
    { class: 'claim-line' },
    h('legend', {}, `Vordering ${index + 1}`),
    control('Referentie', `claims[${index}].reference`, reference),
    control('Soort', `claims[${index}].kind`, kind),
    control('Oorspronkelijk bedrag in euro', `claims[${index}].originalAmountCents`, original),
    control('Openstaand bedrag in euro', `claims[${index}].outstandingAmountCents`, outstanding),
  );
  return { el, reference, kind, original, outstanding };
}

/** A claim line as the API wants it; an unreadable amount goes as text so the server names it. */
function readLine(line) {
  const cents = (el) => {
    const value = euroToCents(el.value);
    return Number.isNaN(value) ? el.value : value;
  };
  return {
    reference: line.reference.value.trim(),
    kind: line.kind.value,
    originalAmountCents: cents(line.original),
    outstandingAmountCents: cents(line.outstanding),
  };
}
