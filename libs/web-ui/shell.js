// The frame every web UI of the project shares (hub console, municipality portal, creditor portal):
// header with navigation and the signed-in user, the login form, flash notices, hash routing, and
// what happens when a session ends. Pages are functions of a context; see startShell.
import { api, session, whenUnauthorized } from './api.js';
import { h, replace } from './dom.js';

const DUTCH = {
  skip: 'Naar de inhoud',
  navigation: 'Hoofdmenu',
  loginTitle: 'Inloggen',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
  submit: 'Inloggen',
  logout: 'Uitloggen',
  badLogin: 'Gebruikersnaam of wachtwoord klopt niet.',
  locked: 'Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het later opnieuw.',
  tooMany: 'Te veel pogingen vanaf dit adres. Wacht een minuut en probeer het opnieuw.',
  sessionEnded: 'Uw sessie is afgelopen. Log opnieuw in.',
  pageError: 'Deze pagina kon niet worden geladen',
  noScript: 'Deze pagina werkt alleen met JavaScript aan.',
  roles: { editor: 'bewerker', viewer: 'alleen lezen', admin: 'beheerder' },
};

/**
 * Starts a web UI.
 * - brand: the header's name; loginPath / logoutPath: the app's session routes;
 * - home: the hash to open after login; nav: [{hash, label, testid, editorOnly?}];
 * - routes: [[regex, (match) => (ctx) => ...]], tried in order on every hash change;
 * - texts: overrides of the Dutch texts (the hub console passes English ones).
 * A page gets ctx = {main, role, username, canEdit, every(ms, fn), flash(text, kind), go(hash)}.
 */
export function startShell({ brand, loginPath, logoutPath, home, nav, routes, texts = {} }) {
  const t = { ...DUTCH, ...texts, roles: { ...DUTCH.roles, ...texts.roles } };
  const frame = buildFrame(brand, nav, t);
  let cleanup = [];
  let lastHash = null;
  /** counts routings; only the newest may draw, so a slow page left behind cannot cover the next */
  let routing = 0;

  function flash(text, kind = 'info') {
    const el = frame.flash;
    el.textContent = text;
    el.className = `flash flash-${kind}`;
    el.hidden = false;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(() => (el.hidden = true), 6000);
  }

  function context(view, current) {
    return {
      main: view,
      role: session.role,
      username: session.username,
      canEdit: session.canEdit,
      every(ms, fn) {
        if (!current()) {
          return;
        }
        const id = setInterval(fn, ms);
        cleanup.push(() => clearInterval(id));
      },
      flash,
      go(hash) {
        location.hash = hash;
      },
    };
  }

  async function route() {
    cleanup.forEach((stop) => stop());
    cleanup = [];
    const mine = ++routing;
    const current = () => mine === routing;
    if (!session.token) {
      showSignedIn(frame, false, t);
      renderLogin(frame.main, t, loginPath, async () => {
        location.hash = home;
        await route();
      });
      return;
    }
    showSignedIn(frame, true, t);
    const hash = location.hash || home;
    for (const [pattern, page] of routes) {
      const match = pattern.exec(hash);
      if (!match) {
        continue;
      }
      for (const a of frame.nav.querySelectorAll('a')) {
        const active = hash.startsWith(a.getAttribute('href'));
        a.classList.toggle('active', active);
        if (active) {
          a.setAttribute('aria-current', 'page');
        } else {
          a.removeAttribute('aria-current');
        }
      }
      // each routing draws into a view of its own: a page still loading when the user has moved on
      // draws into a view that is no longer on screen, not over the page the user went to
      const view = h('div', { class: 'view' });
      replace(frame.main, view);
      const focusAtStart = document.activeElement;
      try {
        await page(match)(context(view, current));
        if (!current()) {
          return;
        }
        // a screen reader hears the new page's heading, a keyboard user starts at the content; but
        // where the user moved the focus while the page loaded, it stays
        const untouched = [focusAtStart, document.body, null].includes(document.activeElement);
        if (hash !== lastHash && untouched) {
          frame.main.querySelector('h1')?.focus({ preventScroll: true });
        }
        lastHash = hash;
      } catch (error) {
        if (!current()) {
          return;
        }
        replace(
          view,
          h(
            'p',
            { class: 'error', role: 'alert', 'data-testid': 'page-error' },
            `${t.pageError}: ${error.message}`,
          ),
        );
      }
      return;
    }
    location.hash = home;
  }

  frame.logout.addEventListener('click', async () => {
    try {
      await api('POST', logoutPath);
    } catch {
      /* the session ends here either way */
    }
    session.clear();
    location.hash = '#/login';
    await route();
  });
  whenUnauthorized(() => {
    flash(t.sessionEnded, 'warn');
    void route();
  }, loginPath);
  window.addEventListener('hashchange', () => void route());
  void route();
  return { flash };
}

function buildFrame(brand, nav, t) {
  const main = h('main', { id: 'main', tabindex: '-1' });
  const navEl = h(
    'nav',
    { 'aria-label': t.navigation, hidden: true },
    nav.map((item) =>
      h(
        'a',
        { href: item.hash, 'data-testid': item.testid, 'data-editor-only': item.editorOnly },
        item.label,
      ),
    ),
  );
  const who = h('span', { 'data-testid': 'who' });
  const logout = h('button', { type: 'button', class: 'secondary', 'data-testid': 'logout' }, t.logout);
  const whoBox = h('span', { class: 'who', hidden: true }, who, logout);
  const flash = h('div', { class: 'flash', role: 'status', 'aria-live': 'polite', hidden: true });
  document.body.replaceChildren(
    h('a', { class: 'skip', href: '#main' }, t.skip),
    h('header', { class: 'top' }, h('span', { class: 'brand' }, brand), navEl, whoBox),
    flash,
    main,
  );
  // the skip link moves focus without touching the hash the router reads
  document.body.firstChild.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  return { main, nav: navEl, who, whoBox, logout, flash };
}

function showSignedIn(frame, signedIn, t) {
  frame.nav.hidden = !signedIn;
  frame.whoBox.hidden = !signedIn;
  if (signedIn) {
    frame.who.textContent = `${session.username} (${t.roles[session.role] ?? session.role})`;
  }
  for (const el of document.querySelectorAll('[data-editor-only]')) {
    el.hidden = !session.canEdit;
  }
}

function renderLogin(main, t, loginPath, onSignedIn) {
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error', hidden: true });
  const username = h('input', {
    name: 'username',
    autocomplete: 'username',
    required: true,
    'data-testid': 'login-username',
  });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'login-password',
  });
  const form = h(
    'form',
    {
      class: 'login card',
      'data-testid': 'login-form',
      async onsubmit(event) {
        event.preventDefault();
        error.hidden = true;
        try {
          const result = await api('POST', loginPath, { username: username.value, password: password.value });
          session.save({
            token: result.token,
            role: result.role,
            username: result.username ?? username.value,
          });
          password.value = '';
          await onSignedIn();
        } catch (e) {
          error.textContent = { 401: t.badLogin, 423: t.locked, 429: t.tooMany }[e.status] ?? e.message;
          error.hidden = false;
        }
      },
    },
    h('h1', { tabindex: '-1' }, t.loginTitle),
    h('label', { class: 'field' }, h('span', {}, t.username), username),
    h('label', { class: 'field' }, h('span', {}, t.password), password),
    error,
    h('button', { type: 'submit', 'data-testid': 'login-submit' }, t.submit),
  );
  replace(main, form);
  username.focus();
}
