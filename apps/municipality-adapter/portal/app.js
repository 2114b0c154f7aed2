// Municipality portal: cases, residents' help requests, new case, CSV import, debt arrangements and the account, over this
// adapter's own API. Pages are plain ES modules (docs/decisions/0008-one-front-end-for-three-web-uis.md).
import { startShell } from './shell.js';
import { renderCases } from './cases.js';
import { renderCase } from './case.js';
import { renderNewCase } from './new-case.js';
import { renderHelpRequest, renderHelpRequests } from './help-requests.js';
import { renderImport } from './import.js';
import { renderDossiers, renderDossier } from './dossiers.js';
import { renderPortalAccount } from './portal-account.js';
import { useViolationText } from './forms.js';
import { MUNICIPALITY_ACTIONS, ruleText } from './words.js';

useViolationText(ruleText);

startShell({
  brand: 'Schuldenknooppunt — gemeente',
  loginPath: '/portal/login',
  logoutPath: '/portal/logout',
  passwordPath: '/portal/password',
  home: '#/zaken',
  nav: [
    { hash: '#/zaken', label: 'Zaken', testid: 'nav-cases' },
    { hash: '#/hulpvragen', label: 'Hulpvragen', testid: 'nav-help-requests' },
    { hash: '#/nieuw', label: 'Nieuwe zaak', testid: 'nav-new', editorOnly: true },
    { hash: '#/import', label: 'Bestand inlezen', testid: 'nav-import', editorOnly: true },
    { hash: '#/regelingen', label: 'Schuldregelingen', testid: 'nav-dossiers' },
    { hash: '#/account', label: 'Account', testid: 'nav-account' },
  ],
  routes: [
    [/^#\/zaken\/(.+)$/, (m) => (ctx) => renderCase(ctx, decodeURIComponent(m[1]))],
    [/^#\/zaken$/, () => renderCases],
    [/^#\/nieuw$/, () => renderNewCase],
    [/^#\/hulpvragen\/([^/]+)\/toelaten$/, (m) => (ctx) => renderNewCase(ctx, decodeURIComponent(m[1]))],
    [/^#\/hulpvragen\/([^/]+)$/, (m) => (ctx) => renderHelpRequest(ctx, decodeURIComponent(m[1]))],
    [/^#\/hulpvragen$/, () => renderHelpRequests],
    [/^#\/import$/, () => renderImport],
    [/^#\/regelingen\/(.+)$/, (m) => (ctx) => renderDossier(ctx, decodeURIComponent(m[1]))],
    [/^#\/regelingen$/, () => renderDossiers],
    [/^#\/account$/, () => (ctx) => renderPortalAccount(ctx, MUNICIPALITY_ACTIONS)],
  ],
});
