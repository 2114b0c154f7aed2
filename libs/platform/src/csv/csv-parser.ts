/**
 * A small RFC 4180 reader, written here rather than taken from a package because an import needs
 * exactly this and the line number where each record starts: quoted fields (which may hold the
 * separator, line breaks and doubled quotes), CRLF or LF line ends, an optional UTF-8 BOM, and `,`
 * or `;` as separator (Dutch spreadsheets write `;`), detected from the header line.
 */
export interface CsvRecord {
  /** physical line where the record starts; the header is line 1 */
  line: number;
  fields: string[];
}

export interface CsvDocument {
  separator: ',' | ';';
  header: CsvRecord;
  records: CsvRecord[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`CSV syntax error in the record starting on line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

/** `;` when the header line has more semicolons than commas outside quotes, else `,`. */
export function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && (char === '\n' || char === '\r')) {
      break;
    } else if (!quoted && char === ',') {
      commas += 1;
    } else if (!quoted && char === ';') {
      semicolons += 1;
    }
  }
  return semicolons > commas ? ';' : ',';
}

/** Parses a whole CSV text. Blank lines are skipped; returns null for a file without a header. */
export function parseCsv(input: string): CsvDocument | null {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  /** whether the current field started with a quote and that quote is closed */
  let afterQuote = false;
  let fieldStarted = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
    afterQuote = false;
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) {
      records.push({ line: recordLine, fields });
    }
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (char === '\n') {
          line += 1;
        }
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (fieldStarted || afterQuote) {
        throw new CsvSyntaxError(recordLine); // a quote in the middle of an unquoted field
      }
      quoted = true;
      fieldStarted = true;
    } else if (char === separator) {
      endField();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') {
        i += 1;
      }
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      if (afterQuote) {
        throw new CsvSyntaxError(recordLine); // text after a closing quote
      }
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) {
    throw new CsvSyntaxError(recordLine);
  }
  if (fieldStarted || afterQuote || fields.length > 0) {
    endRecord();
  }
  const [header, ...rest] = records;
  return header ? { separator, header, records: rest } : null;
}
