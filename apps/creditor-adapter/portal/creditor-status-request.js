// Asking the municipality for news in a message's conversation (a StatusRequest), for editors.
import { h } from './dom.js';
import { control, formError } from './forms.js';
import { submitAnswer } from './creditor-answer-submit.js';

const ASKABLE = new Set(['Kennisgeving', 'BalanceRequest', 'ProgressUpdate', 'PaymentProposal']);

export function statusRequestSection(ctx, entry) {
  if (!ctx.canEdit || !ASKABLE.has(entry.type)) {
    return null;
  }
  const question = h('textarea', {
    name: 'question',
    rows: '2',
    maxlength: '500',
    'data-testid': 'input-question',
  });
  const form = h(
    'form',
    { 'data-testid': 'status-request-form', novalidate: true },
    control('Uw vraag (niet verplicht)', 'question', question),
    formError(),
    h(
      'button',
      { type: 'submit', class: 'secondary', 'data-testid': 'status-request-submit' },
      'Vraag versturen',
    ),
  );
  form.onsubmit = (event) => {
    event.preventDefault();
    const body = question.value.trim() ? { question: question.value.trim() } : {};
    void submitAnswer(form, `/inbox/${entry.messageId}/status-request`, body, () => {
      form.reset();
      ctx.flash('Uw vraag is naar de gemeente verstuurd.', 'ok');
    });
  };
  return h('details', { class: 'card' }, h('summary', {}, 'De gemeente vragen hoe het ervoor staat'), form);
}
