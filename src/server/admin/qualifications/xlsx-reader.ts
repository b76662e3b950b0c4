import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { TextDecoder } from 'node:util';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);

/**
 * exceljs's streaming WorkbookReader with one fix: exceljs 4.4 decodes each compressed chunk
 * of the sheet XML on its own (`TextDecoder.decode(chunk)` in utils/parse-sax.js), so a Chinese
 * character split across two chunks becomes U+FFFD — about one row in 3,000 of a large sheet
 * then has a wrong 企业名称. Here the reader's modules are loaded once more, privately, with a
 * parse-sax that keeps one streaming decoder per XML part. The app's other exceljs users keep
 * the package as it is.
 */
function loadWorkbookReader(): typeof ExcelJS.stream.xlsx.WorkbookReader {
  const root = path.dirname(require.resolve('exceljs/package.json'));
  const parseSaxFile = path.join(root, 'lib', 'utils', 'parse-sax.js');
  const { SaxesParser } = createRequire(parseSaxFile)('saxes') as { SaxesParser: new () => { on(event: string, listener: (value: unknown) => void): void; write(text: string): void } };

  async function* parseSax(input: AsyncIterable<Buffer | string> & { pipe?: unknown }) {
    const iterable = input.pipe && !(Symbol.asyncIterator in input) ? (input as unknown as NodeJS.ReadableStream).pipe(new PassThrough()) : input;
    const decoder = new TextDecoder('utf-8');
    const parser = new SaxesParser();
    let error: unknown;
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('error', (err) => (error = err));
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable as AsyncIterable<Buffer | string>) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
  }

  const inPackage = (key: string) => key.startsWith(root + path.sep);
  const saved = new Map<string, NodeJS.Module>();
  for (const key of Object.keys(require.cache)) {
    if (inPackage(key)) {
      saved.set(key, require.cache[key]!);
      delete require.cache[key];
    }
  }
  const fixed = new Module(parseSaxFile);
  fixed.filename = parseSaxFile;
  fixed.loaded = true;
  fixed.exports = parseSax;
  require.cache[parseSaxFile] = fixed;
  try {
    return require(path.join(root, 'lib', 'stream', 'xlsx', 'workbook-reader.js')) as typeof ExcelJS.stream.xlsx.WorkbookReader;
  } finally {
    for (const key of Object.keys(require.cache)) if (inPackage(key)) delete require.cache[key];
    for (const [key, module] of saved) require.cache[key] = module;
  }
}

let reader: typeof ExcelJS.stream.xlsx.WorkbookReader | null = null;

/** The fixed WorkbookReader (loaded on first use). */
export function workbookReader(): typeof ExcelJS.stream.xlsx.WorkbookReader {
  reader ??= loadWorkbookReader();
  return reader;
}
