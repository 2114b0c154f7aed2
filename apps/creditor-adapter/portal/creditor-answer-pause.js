// The answer to a Kennisgeving: pause (until a date) or decline (with a reason).
import { h } from './dom.js';
import { DECLINE_REASONS } from './creditor-labels.js';
import { control, formError, input, radio, select } from './forms.js';
import { submitAnswer } from './creditor-answer-submit.js';

export function acknowledgementForm(entry, onAnswered) {
  const { pause, creditorCustomerNumber } = entry.message.body;
  const paused = radio('PAUSED', 'Pauzeren: wij incasseren niet tijdens de pauze', true);
  const declined = radio('DECLINED', 'Weigeren: wij pauzeren niet', false);
  const pausedUntil = input('pausedUntil', {
    type: 'date',
    value: pause.end,
    min: pause.start,
    max: pause.end,
  });
  const declineReason = select('declineReason', DECLINE_REASONS, { placeholder: 'Kies een reden' });
  const customerNumber = input('creditorCustomerNumber', {
    value: creditorCustomerNumber ?? '',
    autocomplete: 'off',
  });
  const note = h('textarea', { name: 'note', rows: '3', maxlength: '2000', 'data-testid': 'input-note' });
  const pausedRow = control(
    'Gepauzeerd tot en met',
    'pausedUntil',
    pausedUntil,
    'Uiterlijk het einde dat de gemeente vraagt.',
  );
  const declinedRow = control('Reden van weigeren', 'declineReason', declineReason);
  const form = h(
    'form',
    { 'data-testid': 'ack-form', novalidate: 'novalidate' },
    h(
      'fieldset',
      { 'data-error-group': 'decision' },
      h('legend', {}, 'Uw besluit'),
      paused.label,
      declined.label,
      h('p', { class: 'error', 'data-error-for': 'decision', 'data-testid': 'error-decision', hidden: true }),
    ),
    pausedRow,
    declinedRow,
    control('Uw klantnummer (niet verplicht)', 'creditorCustomerNumber', customerNumber),
    control('Toelichting voor de gemeente (niet verplicht)', 'note', note),
    formError(),
    h('button', { type: 'submit', 'data-testid': 'ack-submit' }, 'Antwoord versturen'),
  );
  const showFields = () => {
    pausedRow.hidden = !paused.input.checked;
    declinedRow.hidden = !declined.input.checked;
  };
  paused.input.onchange = showFields;
  declined.input.onchange = showFields;
  showFields();
  form.onsubmit = (event) => {
    event.preventDefault();
    const decision = paused.input.checked ? 'PAUSED' : 'DECLINED';
    const body = {
      decision,
      ...(decision === 'PAUSED'
        ? { pausedUntil: pausedUntil.value }
        : { declineReason: declineReason.value || undefined }),
      ...(customerNumber.value.trim() ? { creditorCustomerNumber: customerNumber.value.trim() } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    void submitAnswer(form, `/inbox/${entry.messageId}/acknowledgement`, body, onAnswered);
  };
  return form;
}
