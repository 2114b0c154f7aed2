import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** The adapter's own Prometheus counters, next to the default process metrics on /metrics. */
@Injectable()
export class MunicipalityMetrics {
  readonly submitted: Counter<'variant'>;
  readonly receipts: Counter<'status' | 'about'>;
  readonly answers: Counter<'decision'>;
  readonly importRows: Counter<'status'>;
  readonly progressUpdates: Counter<'status'>;
  readonly overdue: Counter;

  constructor(registry: Registry) {
    this.submitted = new Counter({
      name: 'skp_municipality_kennisgevingen_submitted_total',
      help: 'Kennisgevingen built, signed and queued for sending, by variant',
      labelNames: ['variant'],
      registers: [registry],
    });
    this.receipts = new Counter({
      name: 'skp_municipality_receipts_total',
      help: 'Delivery receipts received, by status and by the type of message they are about',
      labelNames: ['status', 'about'],
      registers: [registry],
    });
    this.answers = new Counter({
      name: 'skp_municipality_answers_total',
      help: 'Pause acknowledgements received, by decision',
      labelNames: ['decision'],
      registers: [registry],
    });
    this.importRows = new Counter({
      name: 'skp_municipality_import_rows_total',
      help: 'CSV import rows processed, by result',
      labelNames: ['status'],
      registers: [registry],
    });
    this.progressUpdates = new Counter({
      name: 'skp_municipality_progress_updates_sent_total',
      help: 'ProgressUpdates queued for sending, by status',
      labelNames: ['status'],
      registers: [registry],
    });
    this.overdue = new Counter({
      name: 'skp_municipality_overdue_total',
      help: 'Kennisgevingen that passed their answer deadline without an answer',
      registers: [registry],
    });
  }
}
