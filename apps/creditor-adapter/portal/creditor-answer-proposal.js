// The answer to a PaymentProposal: agree, or not with a reason.
import { h } from './dom.js';
import { PROPOSAL_REJECT_REASONS } from './creditor-labels.js';
import { control, formError, radio, select } from './forms.js';
import { submitAnswer } from './creditor-answer-submit.js';

export function proposalForm(entry, onAnswered) {
  const accepted = radio('ACCEPTED', 'Akkoord met het voorstel', true);
  const rejected = radio('REJECTED', 'Niet akkoord', false);
  const rejectReason = select('rejectReason', PROPOSAL_REJECT_REASONS, { placeholder: 'Kies een reden' });
  const note = h('textarea', { name: 'note', rows: '3', maxlength: '2000', 'data-testid': 'input-note' });
  const reasonRow = control('Reden', 'rejectReason', rejectReason);
  const form = h(
    'form',
    { 'data-testid': 'proposal-form', novalidate: 'novalidate' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Uw besluit'),
      accepted.label,
      rejected.label,
      h('p', { class: 'error', 'data-error-for': 'decision', 'data-testid': 'error-decision', hidden: true }),
    ),
    reasonRow,
    control('Toelichting voor de gemeente (niet verplicht)', 'note', note),
    formError(),
    h('button', { type: 'submit', 'data-testid': 'proposal-submit' }, 'Antwoord versturen'),
  );
  const showFields = () => {
    reasonRow.hidden = !rejected.input.checked;
  };
  accepted.input.onchange = showFields;
  rejected.input.onchange = showFields;
  showFields();
  form.onsubmit = (event) => {
    event.preventDefault();
    const decision = accepted.input.checked ? 'ACCEPTED' : 'REJECTED';
    const body = {
      decision,
      ...(decision === 'REJECTED' ? { rejectReason: rejectReason.value || undefined } : {}),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    void submitAnswer(form, `/inbox/${entry.messageId}/proposal-response`, body, onAnswered);
  };
  return form;
}
