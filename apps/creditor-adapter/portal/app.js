// The creditor portal: hash routes over the creditor adapter's API, in the shared shell.
import { startShell } from './shell.js';
import { renderInbox } from './creditor-inbox.js';
import { renderInboxMessage } from './creditor-message.js';
import { renderRegister } from './creditor-register.js';
import { renderClaims } from './creditor-claims.js';
import { renderPortalAccount } from './portal-account.js';
import { useViolationText } from './forms.js';
import { CREDITOR_ACTIONS, violationText } from './creditor-labels.js';

useViolationText(violationText);

startShell({
  brand: 'Schuldenknooppunt — portaal voor schuldeisers',
  loginPath: '/portal/login',
  logoutPath: '/portal/logout',
  passwordPath: '/portal/password',
  home: '#/inbox',
  nav: [
    { hash: '#/inbox', label: 'Inbox', testid: 'nav-inbox' },
    { hash: '#/register', label: 'Pauzeregister', testid: 'nav-register' },
    { hash: '#/vorderingen', label: 'Vorderingen', testid: 'nav-claims' },
    { hash: '#/account', label: 'Account', testid: 'nav-account' },
  ],
  routes: [
    [/^#\/inbox$/, () => renderInbox],
    [/^#\/inbox\/([0-9a-f-]{36})$/i, (match) => (ctx) => renderInboxMessage(ctx, match[1])],
    [/^#\/register$/, () => renderRegister],
    [/^#\/vorderingen$/, () => renderClaims],
    [/^#\/account$/, () => (ctx) => renderPortalAccount(ctx, CREDITOR_ACTIONS)],
  ],
});
