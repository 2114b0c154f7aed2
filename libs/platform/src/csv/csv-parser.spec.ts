import { CsvSyntaxError, detectSeparator, parseCsv } from './csv-parser';

describe('parseCsv', () => {
  it('reads a comma-separated file with line numbers (header = line 1)', () => {
    const doc = parseCsv('a,b,c\n1,2,3\n4,5,6\n');
    expect(doc?.separator).toBe(',');
    expect(doc?.header).toEqual({ line: 1, fields: ['a', 'b', 'c'] });
    expect(doc?.records).toEqual([
      { line: 2, fields: ['1', '2', '3'] },
      { line: 3, fields: ['4', '5', '6'] },
    ]);
  });

  it('reads a semicolon-separated file, where commas are data', () => {
    const doc = parseCsv('a;b\r\n1,5;x\r\n');
    expect(doc?.separator).toBe(';');
    expect(doc?.records).toEqual([{ line: 2, fields: ['1,5', 'x'] }]);
  });

  it('strips a UTF-8 BOM from the first column name', () => {
    const doc = parseCsv('\uFEFFcaseReference;bsn\nA;1\n');
    expect(doc?.header.fields).toEqual(['caseReference', 'bsn']);
  });

  it('handles CRLF, a last line without line break and blank lines', () => {
    const doc = parseCsv('a,b\r\n\r\n1,2\r\n3,4');
    expect(doc?.records).toEqual([
      { line: 3, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('reads quoted fields with separators, escaped quotes and line breaks, counting lines', () => {
    const doc = parseCsv('a,b\n"x, y","say ""hi"""\n"multi\r\nline",z\nlast,row\n');
    expect(doc?.records).toEqual([
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['multi\r\nline', 'z'] },
      { line: 5, fields: ['last', 'row'] },
    ]);
  });

  it('keeps empty fields, quoted or not', () => {
    expect(parseCsv('a,b,c\n,"",\n')?.records).toEqual([{ line: 2, fields: ['', '', ''] }]);
  });

  it('refuses an unterminated quote, naming the line where the record starts', () => {
    expect(() => parseCsv('a,b\n1,2\n"open,3\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n1,2\n"open,3\n');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(3);
    }
  });

  it('refuses a stray quote inside an unquoted field or text after a closing quote', () => {
    expect(() => parseCsv('a,b\nab"c,d\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n"ab"c,d\n')).toThrow(CsvSyntaxError);
  });

  it('returns null for an empty file', () => {
    expect(parseCsv('')).toBeNull();
    expect(parseCsv('\uFEFF\r\n')).toBeNull();
  });

  it('detects the separator from the header line only, ignoring quoted text', () => {
    expect(detectSeparator('"a;b;c",d,e\n1;2;3;4;5')).toBe(',');
    expect(detectSeparator('a;b\n1,2,3,4')).toBe(';');
  });
});
