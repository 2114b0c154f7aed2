import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { TrustStore } from '@skp/crypto';
import { ConfigError, loadEnv, TrustEnv } from '@skp/platform';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { AuditRepository } from './audit/audit.repository';
import { HubEnv } from './config/hub.env';
import { verifyEvidence } from './evidence/evidence-verifier';
import { HubCliModule } from './hub.module';
import { PartiesService } from './parties/parties.service';
import { PARTY_KINDS, PartyKind } from './parties/party.entity';

const USAGE = `usage: npm run hub -- <command>

  verify-evidence FILE                 check every signature and the timeline of an evidence bundle
                                       (offline; needs TRUST_ANCHORS only)
  party list                           list registered parties
  party add --oin OIN --name NAME --kind MUNICIPALITY|CREDITOR [--bsn-allowed] --cert FILE
                                       (prints the party's broker account and password, once)
  party broker-credentials OIN         replace the party's broker password (printed once) and
                                       close the connections that use the old one
  party suspend OIN                    stop routing to and from a party; close and block its
                                       broker account
  party activate OIN                   route again; unblock its broker account
`;

class UsageError extends Error {}

const out = (text: string): void => void process.stdout.write(`${text}\n`);

/** `--name value`, `--name=value` and bare `--flag` (true); everything else is positional. */
function parseArgs(args: string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      positional.push(arg);
    } else if (match[2] !== undefined) {
      options[match[1]] = match[2];
    } else if (
      i + 1 < args.length &&
      !args[i + 1].startsWith('--') &&
      (match[1] !== 'bsn-allowed' || /^(true|false)$/.test(args[i + 1]))
    ) {
      options[match[1]] = args[++i];
    } else {
      options[match[1]] = 'true';
    }
  }
  return { positional, options };
}

function required(options: Record<string, string>, name: string): string {
  const value = options[name];
  if (!value || value === 'true') {
    throw new UsageError(`--${name} is required`);
  }
  return value;
}

async function verifyEvidenceCommand(file: string | undefined): Promise<number> {
  if (!file) {
    throw new UsageError('verify-evidence needs the bundle FILE');
  }
  const trust = TrustStore.fromSettings(loadEnv(TrustEnv));
  let bundle: unknown;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    out(`INVALID: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const verdict = verifyEvidence(bundle, trust);
  for (const c of verdict.checks) {
    out(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.check}: ${c.detail}`);
  }
  out(
    verdict.valid
      ? `VALID: evidence for message ${verdict.messageId} holds`
      : `INVALID: evidence for message ${verdict.messageId ?? '(unknown)'} does not hold`,
  );
  return verdict.valid ? 0 : 1;
}

/** Shown once: the hub keeps no copy of the password. */
function printBrokerCredentials(broker: { username: string; password: string }): void {
  out(`broker username: ${broker.username}`);
  out(`broker password: ${broker.password}`);
  out('store the password in the adapter configuration now (AMQP_URL); it is not shown again');
}

async function withHub<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const env = loadEnv(HubEnv);
  // the CLI prints its results; logs only when something is wrong, unless LOG_LEVEL asks for more
  env.LOG_LEVEL ??= 'warn';
  const app = await NestFactory.createApplicationContext(HubCliModule.forRoot(env), {
    logger: ['error'],
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function partyCommand(positional: string[], options: Record<string, string>): Promise<number> {
  const [sub, oinArg] = positional;
  const actor = `cli:${userInfo().username}`;
  return withHub(async (app) => {
    const parties = app.get(PartiesService);
    const audit = app.get(AuditRepository);
    switch (sub) {
      case 'list': {
        for (const { party, certificates } of await parties.listWithCertificates()) {
          const expiry = certificates.map((c) => c.notAfter.toISOString().slice(0, 10)).join(',');
          out(
            [
              party.oin,
              party.kind,
              party.status,
              party.bsnAllowed ? 'bsn' : 'no-bsn',
              party.name,
              `certs until ${expiry}`,
            ].join('\t'),
          );
        }
        return 0;
      }
      case 'add': {
        const kind = required(options, 'kind').toUpperCase();
        if (!(PARTY_KINDS as readonly string[]).includes(kind)) {
          throw new UsageError(`--kind must be one of ${PARTY_KINDS.join(', ')}`);
        }
        const { party, broker } = await parties.register({
          oin: required(options, 'oin'),
          name: required(options, 'name'),
          kind: kind as PartyKind,
          bsnAllowed: options['bsn-allowed'] === 'true',
          certificatePem: readFileSync(required(options, 'cert'), 'utf8'),
        });
        await audit.insert({
          operator: actor,
          action: 'parties.register',
          target: party.oin,
          detail: { via: 'cli', kind, bsnAllowed: party.bsnAllowed },
        });
        out(`registered ${party.oin} ${party.name} (${party.kind}, bsnAllowed=${party.bsnAllowed})`);
        printBrokerCredentials(broker);
        return 0;
      }
      case 'broker-credentials': {
        if (!oinArg) {
          throw new UsageError('party broker-credentials needs the OIN');
        }
        const broker = await parties.issueBrokerCredentials(oinArg);
        await audit.insert({
          operator: actor,
          action: 'parties.broker-credentials',
          target: oinArg,
          detail: { via: 'cli' },
        });
        out(`new broker password for ${oinArg}; connections with the old one were closed`);
        printBrokerCredentials(broker);
        return 0;
      }
      case 'suspend':
      case 'activate': {
        if (!oinArg) {
          throw new UsageError(`party ${sub} needs the OIN`);
        }
        const status = sub === 'suspend' ? 'SUSPENDED' : 'ACTIVE';
        const party = await parties.update(oinArg, { status });
        await audit.insert({
          operator: actor,
          action: 'parties.update',
          target: party.oin,
          detail: { via: 'cli', status },
        });
        out(`${party.oin} ${party.name} is now ${party.status}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown party command: ${sub ?? '(none)'}`);
    }
  });
}

async function main(argv: string[]): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const [command, ...rest] = positional;
  switch (command) {
    case 'verify-evidence':
      return verifyEvidenceCommand(rest[0]);
    case 'party':
      return partyCommand(rest, options);
    default:
      throw new UsageError(command ? `unknown command: ${command}` : 'no command given');
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const status = (error as { getStatus?: () => number }).getStatus?.();
    const response = (error as { getResponse?: () => unknown }).getResponse?.();
    const message =
      error instanceof ConfigError
        ? error.message
        : status && typeof response === 'object' && response !== null && 'message' in response
          ? String(response.message)
          : error instanceof Error
            ? error.message
            : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  });
