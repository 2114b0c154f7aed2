// #/account: change one's own password; editors also read the audit log of portal changes.
import { api } from './api.js';
import { dateTime, h, replace, table } from './dom.js';
import { control, formError, showViolations, clearErrors } from './creditor-forms.js';

export async function renderAccount(ctx) {
  const audit = h('section', { 'aria-labelledby': 'audit-heading' });
  replace(
    ctx.main,
    h('h1', {}, 'Account'),
    h('p', {}, `U bent ingelogd als ${ctx.username} (${ctx.canEdit ? 'bewerker' : 'lezer'}).`),
    passwordSection(ctx),
    audit,
  );
  if (ctx.canEdit) {
    await renderAudit(audit);
  } else {
    audit.hidden = true;
  }
}

function passwordSection(ctx) {
  const current = h('input', {
    type: 'password',
    autocomplete: 'current-password',
    'data-testid': 'password-current',
  });
  const next = h('input', { type: 'password', autocomplete: 'new-password', 'data-testid': 'password-new' });
  const repeat = h('input', {
    type: 'password',
    autocomplete: 'new-password',
    'data-testid': 'password-repeat',
  });
  const form = h(
    'form',
    { 'data-testid': 'password-form', novalidate: 'novalidate' },
    control('Huidig wachtwoord', 'currentPassword', current),
    control('Nieuw wachtwoord', 'newPassword', next, 'Minstens 12 tekens.'),
    control('Herhaal het nieuwe wachtwoord', 'repeat', repeat),
    formError(),
    h('button', { type: 'submit', 'data-testid': 'password-submit' }, 'Wachtwoord wijzigen'),
  );
  form.onsubmit = async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (next.value !== repeat.value) {
      showViolations(form, [
        { field: 'repeat', rule: 'same-as-new', message: 'De twee nieuwe wachtwoorden zijn niet gelijk.' },
      ]);
      return;
    }
    try {
      await api('POST', '/portal/password', { currentPassword: current.value, newPassword: next.value });
      form.reset();
      ctx.flash('Uw wachtwoord is gewijzigd.', 'paused');
    } catch (error) {
      showViolations(
        form,
        error.violations ?? [],
        error.status === 401 || error.status === 403 ? 'Het huidige wachtwoord klopt niet.' : error.message,
      );
    }
  };
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'password-heading' },
    h('h2', { id: 'password-heading' }, 'Wachtwoord wijzigen'),
    form,
  );
}

async function renderAudit(section) {
  const answer = await api('GET', '/portal/audit');
  const entries = Array.isArray(answer) ? answer : (answer.items ?? []);
  replace(
    section,
    h('h2', { id: 'audit-heading' }, 'Logboek van wijzigingen'),
    h('p', {}, 'Wie heeft wat gedaan in dit portaal (de nieuwste eerst).'),
    table(
      [
        { label: 'Tijdstip', cell: (e) => dateTime(e.at ?? e.createdAt ?? e.time) },
        { label: 'Gebruiker', cell: (e) => e.username ?? e.actor ?? '' },
        { label: 'Handeling', cell: (e) => e.action ?? [e.method, e.path].filter(Boolean).join(' ') },
        { label: 'Uitkomst', cell: (e) => (e.status !== undefined ? String(e.status) : (e.outcome ?? '')) },
      ],
      entries.map((e, i) => ({ ...e, __id: String(e.id ?? i) })),
      { testid: 'audit-table', empty: 'Nog geen wijzigingen.' },
    ),
  );
}
