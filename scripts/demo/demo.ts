/**
 * `npm run demo`: the whole network on one machine. Starts the hub, the municipality adapter of
 * Gemeente Utrecht and two creditor adapters as real processes, registers the demo parties, sends
 * sample Kennisgevingen and prints where everything is. Ctrl-C stops everything.
 * It also runs a sample Collectief Schuldregelen dossier from balance request to agreement.
 * `npm run demo -- --load N` then sends N more Kennisgevingen and runs N dossiers of fourteen
 * creditors (twelve more collective creditor adapters start for it), and reports how they ended.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokerUsernameOf, withBrokerCredentials } from '@skp/platform';
import { DemoApp, DemoParty, demoSettings, DemoSettings, ROOT } from './network';
import { endpointOf, loadClaims, regelingApps, runDossier, runDossierLoad } from './schuldregeling';
import { runLoad, sendSamples } from './traffic';

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

function ensurePki(settings: DemoSettings): DemoParty[] {
  execFileSync(
    process.execPath,
    ['-r', join(ROOT, 'scripts', 'register-paths.js'), join(ROOT, 'dist', 'scripts', 'pki-dev.js')],
    {
      cwd: ROOT,
      env: { ...process.env, PKI_DIR: settings.pkiDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return JSON.parse(readFileSync(join(settings.pkiDir, 'parties.json'), 'utf8')) as DemoParty[];
}

async function api<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
  });
  if (!response.ok) {
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

interface BrokerAccount {
  username: string;
  password: string;
}

/**
 * Registers the demo parties and returns each one's own broker account (DESIGN §5). A party that
 * a previous demo run registered gets a new password: the hub keeps none to hand out again.
 */
async function registerParties(
  hub: DemoApp,
  settings: DemoSettings,
  parties: DemoParty[],
): Promise<Map<string, BrokerAccount>> {
  const { token } = await api<{ token: string }>(`${hub.url}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify(settings.admin),
  });
  const { parties: known } = await api<{ parties: { oin: string }[] }>(`${hub.url}/api/parties`, { token });
  const accounts = new Map<string, BrokerAccount>();
  for (const party of parties.filter((p) => p.kind !== 'HUB')) {
    if (known.some((k) => k.oin === party.oin)) {
      const { broker } = await api<{ broker: BrokerAccount }>(
        `${hub.url}/api/parties/${party.oin}/broker-credentials`,
        { method: 'POST', token },
      );
      accounts.set(party.oin, broker);
      continue;
    }
    const { broker } = await api<{ broker: BrokerAccount }>(`${hub.url}/api/parties`, {
      method: 'POST',
      token,
      body: JSON.stringify({
        oin: party.oin,
        name: party.name,
        kind: party.kind,
        bsnAllowed: party.bsnAllowed,
        ...(party.gemeentecodes ? { gemeentecodes: party.gemeentecodes } : {}),
        certificatePem: readFileSync(party.cert, 'utf8'),
      }),
    });
    accounts.set(party.oin, broker);
  }
  return accounts;
}

/** Each adapter connects with its own party's broker account, never the hub's. */
function useOwnBrokerAccounts(adapters: DemoApp[], accounts: Map<string, BrokerAccount>): void {
  for (const app of adapters) {
    const account = accounts.get(app.env.PARTY_OIN);
    if (!account) {
      throw new Error(`no broker account for ${app.label} (${app.env.PARTY_OIN})`);
    }
    app.env.AMQP_URL = withBrokerCredentials(app.env.AMQP_URL, account);
  }
}

export function networkApps(settings: DemoSettings, parties: DemoParty[]): DemoApp[] {
  const bySlug = (slug: string): DemoParty => {
    const party = parties.find((p) => p.slug === slug);
    if (!party) {
      throw new Error(`PKI has no party ${slug}; run npm run pki:dev -- --force`);
    }
    return party;
  };
  const [hub, utrecht, pub, priv] = ['hub', 'gemeente-utrecht', 'creditor-public', 'creditor-private'].map(
    bySlug,
  );
  const db = (name: string): string => `${settings.databaseBase}/${settings.databasePrefix}_${name}`;
  const common = (party: DemoParty, database: string) => ({
    DATABASE_URL: db(database),
    AMQP_URL: settings.amqpUrl,
    AMQP_PREFIX: settings.amqpPrefix,
    TRUST_ANCHORS: join(settings.pkiDir, 'ca.crt'),
    PARTY_OIN: party.oin,
    PARTY_CERT: party.cert,
    PARTY_KEY: party.key,
    HUB_OIN: hub.oin,
    // adapters accept only what the hub's account (the one in settings.amqpUrl) published
    HUB_BROKER_USER: brokerUsernameOf(settings.amqpUrl),
  });
  const { ports, tokens, logDir } = settings;
  return [
    new DemoApp(
      'hub',
      'hub',
      ports.hub,
      {
        ...common(hub, 'hub'),
        HUB_ADMIN_USERNAME: settings.admin.username,
        HUB_ADMIN_PASSWORD: settings.admin.password,
        // strict: every party publishes with its own broker account (DESIGN §5)
        HUB_ALLOW_SHARED_BROKER_USER: 'false',
      },
      logDir,
    ),
    new DemoApp(
      'municipality-utrecht',
      'municipality-adapter',
      ports.municipality,
      {
        ...common(utrecht, 'municipality'),
        MUNICIPALITY_API_TOKEN: tokens.municipality,
        MUNICIPALITY_PORTAL_USERNAME: settings.portal.municipality.username,
        MUNICIPALITY_PORTAL_PASSWORD: settings.portal.municipality.password,
        MUNICIPALITY_CODE: '0344',
        MUNICIPALITY_NAME: 'Gemeente Utrecht',
        COUNSELLOR_ORGANISATION: 'Gemeente Utrecht',
        COUNSELLOR_NAME: 'Team Schuldhulpverlening',
        COUNSELLOR_EMAIL: 'schuldhulp@utrecht.example',
        BSN_ALLOWED_CREDITORS: parties
          .filter((p) => p.kind === 'CREDITOR' && p.bsnAllowed)
          .map((p) => p.oin)
          .join(','),
      },
      logDir,
    ),
    new DemoApp(
      'creditor-public',
      'creditor-adapter',
      ports.creditorPublic,
      {
        ...common(pub, 'creditor_public'),
        CREDITOR_API_TOKEN: tokens.creditorPublic,
        CREDITOR_PORTAL_USERNAME: settings.portal.creditor.username,
        CREDITOR_PORTAL_PASSWORD: settings.portal.creditor.password,
        CREDITOR_AUTO_ACK: 'true',
        CREDITOR_MAX_PAUSE_MONTHS: '6',
        CREDITOR_BSN_ALLOWED: 'true',
        // takes part in Collectief Schuldregelen: balances and pre-approval from its claims register
        CREDITOR_COLLECTIVE: 'true',
      },
      logDir,
    ),
    new DemoApp(
      'creditor-private',
      'creditor-adapter',
      ports.creditorPrivate,
      {
        ...common(priv, 'creditor_private'),
        CREDITOR_API_TOKEN: tokens.creditorPrivate,
        CREDITOR_PORTAL_USERNAME: settings.portal.creditor.username,
        CREDITOR_PORTAL_PASSWORD: settings.portal.creditor.password,
        CREDITOR_AUTO_ACK: 'false',
        CREDITOR_BSN_ALLOWED: 'false',
      },
      logDir,
    ),
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const loadIndex = args.indexOf('--load');
  const load = loadIndex >= 0 ? Number(args[loadIndex + 1]) : 0;
  if (loadIndex >= 0 && !(Number.isInteger(load) && load > 0)) {
    throw new Error('--load needs a positive whole number, e.g. npm run demo -- --load 500');
  }
  const settings = demoSettings();
  const parties = ensurePki(settings);
  const network = networkApps(settings, parties);
  const extra = load > 0 ? regelingApps(settings, parties, network[2]) : [];
  const apps = [...network, ...extra];
  let stopping = false;
  const stopAll = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      say('\nstopping the network ...');
      for (const app of [...apps].reverse()) {
        await app.stop();
      }
      say('stopped.');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const [hub, ...adapters] = apps;
    say(`starting the hub on ${hub.url} ...`);
    await hub.start();
    const running = parties.filter((p) => p.kind !== 'HUB' && apps.some((a) => a.env.PARTY_OIN === p.oin));
    useOwnBrokerAccounts(adapters, await registerParties(hub, settings, running));
    for (const app of adapters) {
      say(`starting ${app.label} on ${app.url} ...`);
      await app.start();
    }
  } catch (error) {
    process.stderr.write(`demo could not start: ${(error as Error).message}\n`);
    await stopAll(1);
  }

  const [hub, municipality, creditorPublic, creditorPrivate] = apps;
  const creditors = parties.filter((p) =>
    [creditorPublic, creditorPrivate].some((a) => a.env.PARTY_OIN === p.oin),
  );
  const sent = await sendSamples(municipality.url, settings.tokens.municipality, creditors);
  say('');
  say('Schuldenknooppunt demo network is running.');
  say(
    `  hub console      ${hub.url}/            login ${settings.admin.username} / ${settings.admin.password}`,
  );
  say(`  hub API docs     ${hub.url}/docs`);
  say(
    `  Pauzeknop        ${hub.url}/pauzeknop   (the public page where a resident asks for help; ?gemeente=0344 picks Utrecht)`,
  );
  const { municipality: mPortal, creditor: cPortal } = settings.portal;
  say(
    `  municipality portal      ${municipality.url}/   login ${mPortal.username} / ${mPortal.password}   (counsellors)`,
  );
  say(
    `  public creditor portal   ${creditorPublic.url}/   login ${cPortal.username} / ${cPortal.password}   (creditor staff)`,
  );
  say(
    `  private creditor portal  ${creditorPrivate.url}/   login ${cPortal.username} / ${cPortal.password}   (answers by hand here)`,
  );
  say(
    `  municipality     ${municipality.url}/docs   token ${settings.tokens.municipality}   (Gemeente Utrecht)`,
  );
  say(
    `  public creditor  ${creditorPublic.url}/docs   token ${settings.tokens.creditorPublic}   (BSN allowed, answers automatically)`,
  );
  say(
    `  private creditor ${creditorPrivate.url}/docs   token ${settings.tokens.creditorPrivate}   (no BSN, answers by hand)`,
  );
  for (const party of parties.filter(
    (p) => p.kind === 'HUB' || apps.some((a) => a.env.PARTY_OIN === p.oin),
  )) {
    say(`  party ${party.slug.padEnd(20)} OIN ${party.oin}`);
  }
  say(`  sample cases     ${sent.join(', ')}  (GET ${municipality.url}/kennisgevingen/<case>)`);
  say(`  logs             ${settings.logDir}/<app>.log     metrics: <app url>/metrics`);
  const municipalityEndpoint = { url: municipality.url, token: settings.tokens.municipality };
  const publicParty = creditors.find((p) => p.bsnAllowed) as DemoParty;
  const sample = 'UTR-SR-2026-0001';
  await loadClaims(
    [{ endpoint: endpointOf(creditorPublic), party: publicParty }],
    [{ reference: sample, index: 0 }],
  );
  const dossier = await runDossier(
    municipalityEndpoint,
    sample,
    0,
    [endpointOf(creditorPublic)],
    [endpointOf(creditorPrivate)],
  );
  say(
    `  sample dossier   ${sample} ${dossier.state}: total debt ${dossier.totalDebtCents} cents ` +
      `(GET ${municipality.url}/schuldregelingen/${sample})`,
  );
  if (load > 0) {
    await runLoad(municipality.url, settings.tokens.municipality, creditors, load);
    const collective = [creditorPublic, ...extra].map((app) => ({
      endpoint: endpointOf(app),
      party: parties.find((p) => p.oin === app.env.PARTY_OIN) as DemoParty,
    }));
    await runDossierLoad(municipalityEndpoint, collective, [endpointOf(creditorPrivate)], load);
  }
  say('Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
