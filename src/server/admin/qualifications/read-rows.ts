import { Transform, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import type { ImportFormat } from '../../../shared/qualification-import.js';
import { workbookReader } from './xlsx-reader.js';

/** One row of an import file: its number as a spreadsheet shows it (the header is row 1) and its cells as text. */
export interface SourceRow {
  row: number;
  cells: string[];
}

/**
 * The rows of a CSV or XLSX file, streamed: csv-parse over the decoded text, exceljs's
 * streaming WorkbookReader for the first worksheet. Memory stays flat with the file size
 * (an XLSX keeps its shared-strings table). `onBytes` reports how much of the file was read.
 */
export async function* readRows(source: Readable, format: ImportFormat, onBytes: (bytes: number) => void): AsyncGenerator<SourceRow> {
  let bytes = 0;
  const counted = source.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        onBytes(bytes);
        done(null, chunk);
      },
    }),
  );
  if (format === 'csv') yield* csvRows(counted);
  else yield* xlsxRows(counted);
}

/**
 * CSV text in UTF-8 (with or without BOM) or, as Excel on a Chinese Windows saves it, GB18030:
 * the first chunk that is not valid UTF-8 switches the decoder.
 */
function decodeText(): Transform {
  let decoder: TextDecoder | null = null;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done) {
      if (!decoder) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
          decoder = new TextDecoder('utf-8');
        } catch {
          decoder = new TextDecoder('gb18030');
        }
      }
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder?.decode() ?? '');
    },
  });
}

async function* csvRows(source: Readable): AsyncGenerator<SourceRow> {
  const parser = source.pipe(decodeText()).pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row++;
    yield { row, cells: record };
  }
}

async function* xlsxRows(source: Readable): AsyncGenerator<SourceRow> {
  const WorkbookReader = workbookReader();
  const workbook = new WorkbookReader(source, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const worksheet of workbook) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      yield { row: row.number, cells: values.slice(1).map(cellText) };
    }
    // The first worksheet only (a template's second sheet is the 填写说明).
    break;
  }
}

/** A cell as text: dates as YYYY-MM-DD, rich text and formulas by their text and result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    return '';
  }
  return String(value);
}
