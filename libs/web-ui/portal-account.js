// #/account of a portal: change one's own password; editors also read the audit log of every
// change made in the portal, in words (each portal adds the words for its own routes).
import { api } from './api.js';
import { dateTime, h, replace, table } from './dom.js';
import { clearErrors, control, formError, showViolations } from './forms.js';

/** What every portal's audit says about accounts; a portal's own route words come first. */
const ACCOUNT_ACTIONS = [
  [/^auth\.login$/, 'Ingelogd'],
  [/^auth\.logout$/, 'Uitgelogd'],
  [/^auth\.password|\/portal\/password$/, 'Wachtwoord wijzigen'],
  [/^auth\.(login_failed|login_refused)/, 'Inloggen mislukt'],
  [/^auth\.locked$/, 'Account geblokkeerd na te veel pogingen'],
  [/^user\.bootstrap_editor$/, 'Eerste bewerker aangemaakt'],
  [/^user\.create$/, 'Gebruiker toegevoegd'],
  [/^user\./, 'Gebruiker gewijzigd'],
];

/** actions: [[pattern tested on `METHOD route-pattern`, words]] of this portal's own routes */
export async function renderPortalAccount(ctx, actions) {
  const audit = h('section', { 'aria-labelledby': 'audit-heading' });
  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Account'),
    h('p', {}, `U bent ingelogd als ${ctx.username} (${ctx.canEdit ? 'bewerker' : 'alleen lezen'}).`),
    passwordSection(ctx),
    audit,
  );
  if (ctx.canEdit) {
    await renderAudit(audit, [...actions, ...ACCOUNT_ACTIONS]);
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
    control('Nieuw wachtwoord', 'newPassword', next, 'Minstens 12 tekens (16 in productie).'),
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

async function renderAudit(section, actions) {
  const { items } = await api('GET', '/portal/audit');
  const actionText = (entry) => {
    const action = entry.action ?? '';
    const found = actions.find(([pattern]) => pattern.test(action));
    return found ? found[1] : action;
  };
  replace(
    section,
    h('h2', { id: 'audit-heading' }, 'Logboek van wijzigingen'),
    h('p', {}, 'Wie heeft wat gedaan in dit portaal (de nieuwste eerst).'),
    table(
      [
        { label: 'Tijdstip', cell: (e) => dateTime(e.at) },
        { label: 'Gebruiker', cell: (e) => e.username ?? '' },
        { label: 'Handeling', cell: actionText },
        { label: 'Waarop', cell: (e) => e.target ?? '' },
        { label: 'Uitkomst', cell: (e) => outcomeText(e.status) },
      ],
      items.map((e) => ({ ...e, __id: String(e.id) })),
      { testid: 'audit-table', empty: 'Nog geen wijzigingen.' },
    ),
  );
}

function outcomeText(status) {
  if (status === null || status === undefined) {
    return '';
  }
  return status >= 200 && status < 300 ? 'Gelukt' : `Geweigerd (${status})`;
}
