// #/import: a CSV file of cases. Shows the real upload progress, then the background job's progress
// (polled), the errors per line in words, and offers them as an error file (line, field, message:
// never the submitted values).
import { api, apiUpload } from './api.js';
import { download, field, h, replace, table } from './dom.js';
import { ruleText } from './words.js';

const POLL_MS = 500;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error file: one row per broken rule; `;` as separator, the way Dutch spreadsheets read it. */
export function errorCsv(errors) {
  const quote = (text) => `"${String(text).replace(/"/g, '""')}"`;
  return [
    'regel;veld;melding',
    ...errors.map((e) => [e.line, quote(e.field), quote(e.message)].join(';')),
  ].join('\r\n');
}

function bar(label, testid) {
  const progress = h('progress', { max: 100, value: 0, 'data-testid': testid });
  const text = h('span', { 'data-testid': `${testid}-text` }, '0 %');
  const wrapper = field(label, progress);
  wrapper.append(text);
  return {
    el: wrapper,
    set(fraction, words) {
      const percent = Math.round(fraction * 100);
      progress.value = percent;
      text.textContent = words ? `${percent} % — ${words}` : `${percent} %`;
    },
  };
}

export async function renderImport(ctx) {
  if (!ctx.canEdit) {
    replace(
      ctx.main,
      h('h1', { tabindex: '-1' }, 'Bestand inlezen'),
      h('p', {}, 'U mag alleen lezen: een bestand inlezen kan niet.'),
    );
    return;
  }
  const file = h('input', {
    type: 'file',
    accept: '.csv,text/csv',
    name: 'file',
    'data-testid': 'import-file',
  });
  const upload = bar('Versturen van het bestand', 'upload-progress');
  const processing = bar('Verwerken van de regels', 'import-progress');
  const summary = h('p', { 'data-testid': 'import-summary', 'aria-live': 'polite' });
  const results = h('div');
  const error = h('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'import-error' });
  const submit = h('button', { type: 'submit', 'data-testid': 'import-submit' }, 'Inlezen en versturen');

  function showResult(job) {
    const errors = job.rows
      .filter((row) => row.status === 'ERROR')
      .flatMap((row) =>
        (row.errors ?? []).map((v) => ({ line: row.line, field: v.field, message: ruleText(v) })),
      );
    summary.textContent = `Klaar: ${job.summary.sent} verstuurd, ${job.summary.duplicate} al eerder verstuurd, ${job.summary.failed} met fouten.`;
    replace(
      results,
      h('h2', {}, 'Fouten per regel'),
      table(
        [
          { label: 'Regel', cell: (e) => String(e.line), class: 'num' },
          { label: 'Kolom', cell: (e) => e.field },
          { label: 'Wat er mis is', cell: (e) => e.message },
        ],
        errors.map((e, i) => ({ ...e, __id: String(i) })),
        { testid: 'import-errors', empty: 'Geen fouten.' },
      ),
      errors.length > 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'data-testid': 'error-file',
              onclick: () =>
                download('fouten.csv', new Blob([`\ufeff${errorCsv(errors)}`], { type: 'text/csv' })),
            },
            'Foutenbestand downloaden',
          )
        : null,
    );
  }

  async function send(event) {
    event.preventDefault();
    error.hidden = true;
    const chosen = file.files?.[0];
    if (!chosen) {
      error.textContent = 'Kies eerst een bestand.';
      error.hidden = false;
      return;
    }
    submit.disabled = true;
    replace(results);
    summary.textContent = '';
    upload.set(0);
    processing.set(0);
    try {
      let job = await apiUpload(
        '/kennisgevingen/import?background=true',
        await chosen.text(),
        'text/csv',
        (f) => upload.set(f),
      );
      for (;;) {
        processing.set(
          job.totalRows ? job.processedRows / job.totalRows : 1,
          `${job.processedRows} van ${job.totalRows} regels`,
        );
        if (job.status !== 'RUNNING') {
          break;
        }
        await sleep(POLL_MS);
        job = await api('GET', `/kennisgevingen/import/${encodeURIComponent(job.jobId)}`);
      }
      if (job.status === 'FAILED') {
        throw new Error('het verwerken is afgebroken');
      }
      showResult(job);
    } catch (e) {
      const rows = e.violations?.map((v) => `${v.field}: ${ruleText(v)}`) ?? [];
      error.textContent = `Inlezen lukte niet: ${rows.length ? rows.join(' ') : e.message}`;
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  }

  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Bestand inlezen'),
    h(
      'p',
      {},
      'Een CSV-bestand met één regel per zaak en schuldeiser (scheidingsteken , of ;). Goede regels worden verstuurd, ook als andere regels fouten hebben.',
    ),
    h(
      'form',
      { class: 'card', 'data-testid': 'import-form', onsubmit: send },
      field('CSV-bestand', file),
      error,
      submit,
      upload.el,
      processing.el,
    ),
    summary,
    results,
  );
}
