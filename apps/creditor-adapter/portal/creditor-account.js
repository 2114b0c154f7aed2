// #/account: change one's own password; editors also read the audit log of portal changes.
import { api } from './api.js';
import { dateTime, h, replace, table } from './dom.js';
import { control, formError, showViolations, clearErrors } from './creditor-forms.js';

export async function renderAccount(ctx) {
  const audit = h('section', { 'aria-labelledby': 'audit-heading' });
  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Account'),
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
    control('Nieuw wachtwoord', 'newPassword', next, 'Minstens 16 tekens.'),
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
      ctx.flash('Uw wachtwoord is gewijzigd.', 'ok');
    } catch (error) {
      showViolations(form, error.violations ?? [], error.message);
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
        { label: 'Handeling', cell: actionText },
        { label: 'Uitkomst', cell: (e) => outcomeText(e.status) },
      ],
      entries.map((e, i) => ({ ...e, __id: String(e.id ?? i) })),
      { testid: 'audit-table', empty: 'Nog geen wijzigingen.' },
    ),
  );
}

/** What a portal user did, in words; unknown actions keep their code. */
const ACTIONS = [
  [/^auth\.login$/, 'Ingelogd'],
  [/^auth\.logout$/, 'Uitgelogd'],
  [/^auth\.password$|\/portal\/password$/, 'Wachtwoord gewijzigd'],
  [/^user\.bootstrap_editor$/, 'Eerste bewerker aangemaakt'],
  [/^user\.create$/, 'Gebruiker toegevoegd'],
  [/^user\./, 'Gebruiker gewijzigd'],
  [/\/acknowledgement$/, 'Kennisgeving beantwoord'],
  [/\/balance$/, 'Saldo-opgave verstuurd'],
  [/\/proposal-response$/, 'Betalingsvoorstel beantwoord'],
  [/\/status-request$/, 'Stand van zaken gevraagd'],
  [/\/claims\/import$/, 'Vorderingen geüpload'],
  [/\/pauses\/lookup$/, 'Debiteur opgezocht'],
  [/\/pauses\/export\.csv$/, 'Pauzeregister geëxporteerd'],
];

function actionText(entry) {
  const action = entry.action ?? '';
  const found = ACTIONS.find(([pattern]) => pattern.test(action));
  return found ? found[1] : action;
}

function outcomeText(status) {
  if (status === null || status === undefined) {
    return '';
  }
  return status >= 200 && status < 300 ? 'Gelukt' : `Geweigerd (${status})`;
}
