// The progress update of a case: extend the pause (new end date) or end it (with a reason).
import { api } from './api.js';
import { field, h } from './dom.js';
import { maxPauseEnd, pauseEndProblem } from './rules.js';
import { END_REASON, PROGRESS_STATUS, ruleText } from './words.js';

export function progressForm(ctx, caseReference, pauseStart, onSent) {
  const status = h(
    'select',
    { name: 'status', 'data-testid': 'progress-status', onchange: () => toggle() },
    Object.entries(PROGRESS_STATUS).map(([value, label]) => h('option', { value }, label)),
  );
  const end = h('input', {
    type: 'date',
    name: 'newPauseEnd',
    'data-testid': 'progress-end-date',
    oninput: () => check(),
  });
  const reason = h(
    'select',
    { name: 'endReason', 'data-testid': 'progress-end-reason' },
    Object.entries(END_REASON).map(([value, label]) => h('option', { value }, label)),
  );
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 2000 });
  const endError = h('small', { class: 'field-error', id: 'progress-end-error', role: 'alert' });
  end.setAttribute('aria-describedby', 'progress-end-error');
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'progress-error', hidden: true });
  const endField = field(
    'Nieuwe einddatum van de pauze',
    end,
    pauseStart ? `Uiterlijk ${maxPauseEnd(pauseStart)} (8 maanden na het begin).` : undefined,
  );
  endField.append(endError);
  const reasonField = field('Reden van het einde', reason);

  function toggle() {
    endField.hidden = status.value !== 'PAUSE_EXTENDED';
    reasonField.hidden = status.value !== 'PAUSE_ENDED';
  }
  function check() {
    const problem =
      status.value === 'PAUSE_EXTENDED'
        ? end.value
          ? pauseEndProblem(pauseStart, end.value)
          : 'Vul de nieuwe einddatum in.'
        : null;
    endError.textContent = problem ?? '';
    end.setAttribute('aria-invalid', problem ? 'true' : 'false');
    return problem;
  }

  const form = h(
    'form',
    {
      'data-testid': 'progress-form',
      async onsubmit(event) {
        event.preventDefault();
        error.hidden = true;
        if (check()) {
          end.focus();
          return;
        }
        const body = { status: status.value };
        if (status.value === 'PAUSE_EXTENDED') {
          body.newPauseEnd = end.value;
        }
        if (status.value === 'PAUSE_ENDED') {
          body.endReason = reason.value;
        }
        if (note.value.trim()) {
          body.note = note.value.trim();
        }
        try {
          await api('POST', `/kennisgevingen/${encodeURIComponent(caseReference)}/progress`, body);
          ctx.flash('De voortgang is verstuurd naar de schuldeisers.', 'ok');
          note.value = '';
          await onSent();
        } catch (e) {
          error.textContent = e.violations.length
            ? e.violations.map((v) => `${v.field}: ${ruleText(v)}`).join(' ')
            : `Versturen lukte niet: ${e.message}`;
          error.hidden = false;
        }
      },
    },
    h('div', { class: 'form-grid' }, field('Wat is er gebeurd?', status), endField, reasonField),
    field('Toelichting (niet verplicht)', note),
    error,
    h('button', { type: 'submit', 'data-testid': 'progress-submit' }, 'Voortgang versturen'),
  );
  toggle();
  return form;
}
