import { Inject, Injectable } from '@nestjs/common';
import { AmqpNames, MESSAGE_TYPES } from '@skp/messages';
import { OutboxRelay } from '@skp/platform';
import { HUB_AMQP_NAMES } from '../hub.tokens';
import { MESSAGE_STATES } from '../delivery-record/message-state';
import { PartiesService } from '../parties/parties.service';
import { TopologyService } from '../topology/topology.service';
import { StatsRepository } from './stats.repository';

const MINUTE = 60_000;
/** Several consoles refreshing every few seconds share one reading. */
const STATS_CACHE_MS = 1500;
/** The window of the per-creditor BalanceRequest figures (DESIGN §9). */
const BALANCE_WINDOW_DAYS = 90;

export interface QueueReading {
  queue: string;
  oin: string | null;
  name: string | null;
  status: string | null;
  depth: number | null;
}

/** The dashboard's figures and the overdue page. */
@Injectable()
export class StatsService {
  private cached?: { at: number; value: Promise<Awaited<ReturnType<StatsService['read']>>> };

  constructor(
    private readonly stats: StatsRepository,
    private readonly relay: OutboxRelay,
    private readonly topology: TopologyService,
    private readonly parties: PartiesService,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
  ) {}

  dashboard(): ReturnType<StatsService['read']> {
    if (!this.cached || Date.now() - this.cached.at > STATS_CACHE_MS) {
      const value = this.read(new Date());
      this.cached = { at: Date.now(), value };
      value.catch(() => (this.cached = undefined));
    }
    return this.cached.value;
  }

  private async read(now: Date) {
    const hourAgo = new Date(now.getTime() - 60 * MINUTE);
    const dayAgo = new Date(now.getTime() - 24 * 60 * MINUTE);
    const [perMinute, states, rejections, deadLetters, openDeadLetters, oldest, backlog, queues, balance] =
      await Promise.all([
        this.stats.messagesPerMinute(hourAgo),
        this.stats.countsByState(),
        this.stats.rejectionsByReason(dayAgo),
        this.stats.deadLettersByReason(dayAgo),
        this.stats.openDeadLetters(),
        this.stats.oldestUndelivered(),
        this.relay.backlog(),
        this.queueDepths(),
        this.stats.balanceRequestsByCreditor(
          new Date(now.getTime() - BALANCE_WINDOW_DAYS * 24 * 60 * MINUTE),
        ),
      ]);
    return {
      generatedAt: now.toISOString(),
      messagesPerMinute: minuteSeries(now, perMinute),
      messagesLastHour: perMinute.reduce((sum, r) => sum + r.count, 0),
      states: Object.fromEntries(MESSAGE_STATES.map((s) => [s, states[s] ?? 0])),
      rejectionsByReason24h: rejections,
      deadLettersByReason24h: deadLetters,
      openDeadLetters,
      outboxBacklog: backlog,
      queues,
      balanceRequests: {
        windowDays: BALANCE_WINDOW_DAYS,
        // preApprovalShare: over the answers that said either way (those to collective requests)
        creditors: balance.map((r) => ({
          creditor: r.recipient,
          routed: r.routed,
          answered: r.answered,
          medianAnswerSeconds: r.median_seconds === null ? null : Math.round(r.median_seconds),
          preApproved: r.pre_approved,
          preApprovalShare: r.with_pre_approval > 0 ? r.pre_approved / r.with_pre_approval : null,
        })),
      },
      oldestUndelivered: oldest
        ? {
            messageId: oldest.message_id,
            type: oldest.type,
            recipient: oldest.recipient,
            receivedAt: oldest.received_at.toISOString(),
            ageSeconds: Math.max(
              0,
              Math.round((now.getTime() - (oldest.routed_at ?? oldest.received_at).getTime()) / 1000),
            ),
          }
        : null,
    };
  }

  /** The hub's own queues and every registered party's queue; null depth = queue missing. */
  private async queueDepths(): Promise<QueueReading[]> {
    const snapshot = await this.parties.registrySnapshot();
    const own: QueueReading[] = [this.names.hubInbound, this.names.dead].map((queue) => ({
      queue,
      oin: null,
      name: null,
      status: null,
      depth: null,
    }));
    const perParty: QueueReading[] = [...snapshot.values()].map(({ party }) => ({
      queue: this.names.partyQueue(party.oin),
      oin: party.oin,
      name: party.name,
      status: party.status,
      depth: null,
    }));
    const all = [...own, ...perParty];
    await Promise.all(all.map(async (q) => (q.depth = await this.topology.queueDepth(q.queue))));
    return all;
  }

  async overdue(sinceDays: number, now = new Date()) {
    const since = new Date(now.getTime() - sinceDays * 24 * 60 * MINUTE);
    const [overdue, answers, snapshot] = await Promise.all([
      this.stats.overdueByCreditor(),
      this.stats.answersByCreditor(since),
      this.parties.registrySnapshot(),
    ]);
    const byCreditor = new Map<
      string,
      {
        overdue: number;
        oldestDeadline: string | null;
        total: number;
        answered: number;
        medianSeconds: number | null;
      }
    >();
    const entry = (oin: string) => {
      let e = byCreditor.get(oin);
      if (!e) {
        e = { overdue: 0, oldestDeadline: null, total: 0, answered: 0, medianSeconds: null };
        byCreditor.set(oin, e);
      }
      return e;
    };
    for (const r of overdue) {
      Object.assign(entry(r.recipient), {
        overdue: r.overdue,
        oldestDeadline: r.oldest_deadline.toISOString(),
      });
    }
    for (const r of answers) {
      Object.assign(entry(r.recipient), {
        total: r.total,
        answered: r.answered,
        medianSeconds: r.median_seconds,
      });
    }
    const creditors = [...byCreditor].map(([oin, e]) => ({
      creditor: oin,
      name: snapshot.get(oin)?.party.name ?? null,
      overdue: e.overdue,
      oldestOverdueDeadline: e.oldestDeadline,
      kennisgevingen: e.total,
      answered: e.answered,
      answerRate: e.total > 0 ? e.answered / e.total : null,
      medianAnswerSeconds: e.medianSeconds === null ? null : Math.round(e.medianSeconds),
    }));
    creditors.sort(
      (a, b) =>
        b.overdue - a.overdue ||
        (a.answerRate ?? 1) - (b.answerRate ?? 1) ||
        a.creditor.localeCompare(b.creditor),
    );
    return {
      generatedAt: now.toISOString(),
      windowDays: sinceDays,
      totalOverdue: creditors.reduce((sum, c) => sum + c.overdue, 0),
      creditors,
    };
  }
}

/** Sixty one-minute buckets ending with the current minute, each with a count per message type. */
function minuteSeries(now: Date, rows: { minute: string; type: string; count: number }[]) {
  const current = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const series = Array.from({ length: 60 }, (_, i) => {
    const minute = new Date(current - (59 - i) * MINUTE).toISOString().slice(0, 16) + 'Z';
    return { minute, total: 0, byType: Object.fromEntries(MESSAGE_TYPES.map((t) => [t, 0])) };
  });
  const index = new Map(series.map((s, i) => [s.minute, i]));
  for (const r of rows) {
    const i = index.get(r.minute);
    if (i !== undefined) {
      series[i].byType[r.type] = (series[i].byType[r.type] ?? 0) + r.count;
      series[i].total += r.count;
    }
  }
  return series;
}
