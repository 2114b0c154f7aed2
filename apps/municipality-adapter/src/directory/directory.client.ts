import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { MunicipalityEnv } from '../config/municipality.env';
import { MUNICIPALITY_ENV } from '../municipality.tokens';

export interface DirectoryEntry {
  oin: string;
  name: string;
  kind: 'MUNICIPALITY' | 'CREDITOR';
  bsnAllowed: boolean;
}

/** How long the hub's answer is reused. */
export const DIRECTORY_CACHE_MS = 60_000;
/** A failure is remembered briefly too, so a page refreshing every few seconds does not wait on a dead hub. */
const FAILURE_CACHE_MS = 10_000;
const FETCH_TIMEOUT_MS = 3_000;

export const HUB_UNREACHABLE =
  'the hub directory is unreachable; type the creditor OIN yourself or try again later';

/** The hub's public party directory (`GET /api/directory`), fetched with a timeout and cached. */
@Injectable()
export class DirectoryClient {
  private cached?: { at: number; entries?: DirectoryEntry[]; failed?: boolean };

  constructor(@Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv) {}

  /** Active creditor parties by name; 503 when the hub cannot be reached. */
  async creditors(now = Date.now()): Promise<DirectoryEntry[]> {
    const entries = await this.entries(now);
    if (!entries) {
      throw new ServiceUnavailableException({
        statusCode: 503,
        error: 'Service Unavailable',
        message: HUB_UNREACHABLE,
        violations: [],
      });
    }
    return entries.filter((e) => e.kind === 'CREDITOR');
  }

  /** Creditor names by OIN when the directory can be had; empty otherwise (names are a courtesy). */
  async namesByOin(now = Date.now()): Promise<Map<string, string>> {
    return new Map((await this.entries(now))?.map((e) => [e.oin, e.name]) ?? []);
  }

  private async entries(now: number): Promise<DirectoryEntry[] | undefined> {
    const cached = this.cached;
    if (cached && now - cached.at < (cached.failed ? FAILURE_CACHE_MS : DIRECTORY_CACHE_MS)) {
      return cached.entries;
    }
    try {
      const response = await fetch(new URL('/api/directory', this.env.MUNICIPALITY_HUB_URL), {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!response.ok) {
        throw new Error(`hub answered ${response.status}`);
      }
      const entries = parseDirectory(await response.json());
      this.cached = { at: now, entries };
      return entries;
    } catch {
      this.cached = { at: now, failed: true };
      return undefined;
    }
  }
}

/** Keeps only well-formed entries, and only their metadata fields. */
export function parseDirectory(body: unknown): DirectoryEntry[] {
  if (!Array.isArray(body)) {
    throw new Error('the hub directory is not a list');
  }
  return body
    .filter(
      (e): e is DirectoryEntry =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as DirectoryEntry).oin === 'string' &&
        typeof (e as DirectoryEntry).name === 'string' &&
        ((e as DirectoryEntry).kind === 'CREDITOR' || (e as DirectoryEntry).kind === 'MUNICIPALITY'),
    )
    .map(({ oin, name, kind, bsnAllowed }) => ({ oin, name, kind, bsnAllowed: bsnAllowed === true }));
}
