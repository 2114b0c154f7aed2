import { api } from './api.js';
import { meta } from './meta.js';
import { badge, field, h, replace, table } from './dom.js';

function readFile(input) {
  const file = input.files?.[0];
  return file ? file.text() : Promise.resolve('');
}

function certificateCell(party) {
  const certs = party.certificates ?? [];
  if (certs.length === 0) {
    return '—';
  }
  return h(
    'ul',
    { class: 'certs' },
    certs.map((c) =>
      h(
        'li',
        { title: `${c.subject}\nsha256 ${c.sha256}` },
        `until ${c.notAfter.slice(0, 10)} `,
        c.expired
          ? badge('expired', 'rejected')
          : c.expiresSoon
            ? h('span', { 'data-testid': 'cert-expiring' }, badge('expires within 30 days', 'overdue'))
            : null,
      ),
    ),
  );
}

/** The broker password is in this one response only: show it until the operator navigates away. */
function brokerCredentialsCard(party, broker) {
  return h(
    'section',
    { class: 'card', 'data-testid': 'broker-credentials' },
    h('h2', {}, `Broker account of ${party}`),
    h(
      'p',
      {},
      'Give these to the party for its adapter (AMQP_URL). The password is shown only now; the hub keeps no copy.',
    ),
    h('p', {}, 'username ', h('code', {}, broker.username)),
    h('p', {}, 'password ', h('code', { 'data-testid': 'broker-password' }, broker.password)),
  );
}

export async function renderParties(ctx, shown) {
  const [{ parties }, { partyKinds }] = await Promise.all([api('GET', '/api/parties'), meta()]);
  const update = async (party, changes, what) => {
    try {
      await api('PATCH', `/api/parties/${party.oin}`, changes);
      ctx.flash(`${party.name}: ${what}.`, 'ok');
      await renderParties(ctx);
    } catch (error) {
      ctx.flash(`Refused: ${error.message}`, 'error');
    }
  };
  const newBrokerPassword = async (party) => {
    try {
      const { broker } = await api('POST', `/api/parties/${party.oin}/broker-credentials`, {});
      await renderParties(ctx, { party: party.name, broker });
    } catch (error) {
      ctx.flash(`Refused: ${error.message}`, 'error');
    }
  };
  const uploadCertificate = (party) => {
    const input = h('input', { type: 'file', accept: '.pem,.crt,.cer', hidden: true });
    input.addEventListener('change', async () => {
      try {
        await api('POST', `/api/parties/${party.oin}/certificates`, {
          certificatePem: await readFile(input),
        });
        ctx.flash(`${party.name}: certificate added.`, 'ok');
        await renderParties(ctx);
      } catch (error) {
        ctx.flash(`Certificate refused: ${error.message}`, 'error');
      }
    });
    document.body.append(input);
    input.click();
    setTimeout(() => input.remove(), 60000);
  };

  const columns = [
    { label: 'name', cell: (p) => p.name },
    { label: 'OIN', cell: (p) => h('code', {}, p.oin) },
    { label: 'kind', cell: (p) => p.kind },
    { label: 'status', cell: (p) => h('span', { 'data-testid': 'party-status' }, badge(p.status)) },
    { label: 'BSN allowed', cell: (p) => (p.kind === 'CREDITOR' ? (p.bsnAllowed ? 'yes' : 'no') : 'n/a') },
    { label: 'signing certificates', cell: certificateCell },
    ...(ctx.canEdit
      ? [
          {
            label: '',
            cell: (p) =>
              h(
                'div',
                { class: 'row-actions' },
                p.status === 'ACTIVE'
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'small',
                        'data-testid': 'party-suspend',
                        onclick: () =>
                          confirm(
                            `Suspend ${p.name}? Messages from and to it are rejected until it is activated again.`,
                          ) && void update(p, { status: 'SUSPENDED' }, 'suspended'),
                      },
                      'Suspend',
                    )
                  : h(
                      'button',
                      {
                        type: 'button',
                        class: 'small',
                        'data-testid': 'party-activate',
                        onclick: () => void update(p, { status: 'ACTIVE' }, 'activated'),
                      },
                      'Activate',
                    ),
                p.kind === 'CREDITOR'
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'small secondary',
                        'data-testid': 'party-bsn',
                        onclick: () =>
                          confirm(`${p.bsnAllowed ? 'Withdraw' : 'Grant'} BSN use for ${p.name}?`) &&
                          void update(
                            p,
                            { bsnAllowed: !p.bsnAllowed },
                            p.bsnAllowed ? 'BSN withdrawn' : 'BSN allowed',
                          ),
                      },
                      p.bsnAllowed ? 'Withdraw BSN' : 'Allow BSN',
                    )
                  : null,
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'small secondary',
                    'data-testid': 'party-certificate',
                    onclick: () => uploadCertificate(p),
                  },
                  'Add certificate',
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'small secondary',
                    'data-testid': 'party-broker-password',
                    onclick: () =>
                      confirm(
                        `New broker password for ${p.name}? Its adapter is disconnected until it uses the new one.`,
                      ) && void newBrokerPassword(p),
                  },
                  'New broker password',
                ),
              ),
          },
        ]
      : []),
  ];

  const page = [
    h('h1', {}, 'Parties'),
    ...(shown ? [brokerCredentialsCard(shown.party, shown.broker)] : []),
    h(
      'section',
      { class: 'card' },
      table(
        columns,
        parties.map((p) => ({ ...p, __id: p.oin })),
        { testid: 'parties', empty: 'No parties registered yet.' },
      ),
    ),
  ];
  if (ctx.canEdit) {
    page.push(addPartyForm(ctx, partyKinds, (created) => renderParties(ctx, created)));
  }
  replace(ctx.main, ...page);
}

/** `kinds` from the API; a creditor is the usual registration, so it is preselected. */
function addPartyForm(ctx, kinds, reload) {
  const pem = h('textarea', {
    name: 'certificatePem',
    rows: 4,
    placeholder: '-----BEGIN CERTIFICATE-----',
    'data-testid': 'party-pem',
  });
  const file = h('input', {
    type: 'file',
    accept: '.pem,.crt,.cer',
    onchange: async () => (pem.value = await readFile(file)),
  });
  const form = h(
    'form',
    {
      class: 'card add-party',
      'data-testid': 'add-party',
      async onsubmit(event) {
        event.preventDefault();
        const data = new FormData(form);
        try {
          const created = await api('POST', '/api/parties', {
            oin: String(data.get('oin')).trim(),
            name: String(data.get('name')).trim(),
            kind: String(data.get('kind')),
            bsnAllowed: data.get('bsnAllowed') === 'on',
            certificatePem: pem.value,
          });
          ctx.flash('Party registered; its queue and broker account exist now.', 'ok');
          await reload({ party: created.name, broker: created.broker });
        } catch (error) {
          ctx.flash(`Registration refused: ${error.message}`, 'error');
        }
      },
    },
    h('h2', {}, 'Register a party'),
    field('OIN', h('input', { name: 'oin', required: true, pattern: '\\d{20}', size: 22 })),
    field('name', h('input', { name: 'name', required: true })),
    field(
      'kind',
      h(
        'select',
        { name: 'kind' },
        kinds.map((kind) => h('option', { value: kind, selected: kind === 'CREDITOR' }, kind.toLowerCase())),
      ),
    ),
    h(
      'label',
      { class: 'field inline' },
      h('input', { type: 'checkbox', name: 'bsnAllowed' }),
      h('span', {}, 'may receive the BSN (creditors only)'),
    ),
    field('signing certificate (PEM)', h('div', {}, pem, file)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Register')),
  );
  return form;
}
