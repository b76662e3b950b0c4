import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readRows } from '../../../src/server/admin/qualifications/read-rows.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const nameOf = (i: number) => `测试企业${i}号新材料科技有限公司`;

async function rowsOf(file: string) {
  const out: { row: number; cells: string[] }[] = [];
  for await (const row of readRows(fs.createReadStream(file), 'xlsx', () => undefined)) out.push(row);
  return out;
}

describe('XLSX import reader', () => {
  it('keeps every Chinese character of a large sheet, inline and shared strings alike (exceljs split multi-byte characters across chunks)', async () => {
    for (const useSharedStrings of [false, true]) {
      const file = path.join(dir, `sheet-${useSharedStrings}.xlsx`);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings, useStyles: false });
      const sheet = workbook.addWorksheet('导入');
      sheet.addRow(['统一社会信用代码', '企业名称']).commit();
      for (let i = 0; i < 6000; i++) sheet.addRow([`9111010800000${String(i).padStart(5, '0')}`, nameOf(i)]).commit();
      await workbook.commit();
      const rows = await rowsOf(file);
      expect(rows).toHaveLength(6001);
      const wrong = rows.slice(1).filter((r, i) => r.cells[1] !== nameOf(i));
      expect(wrong.map((r) => r.row)).toEqual([]);
    }
  });

  it('reads dates as YYYY-MM-DD and only the first worksheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('数据').addRows([['认定日期'], [new Date(Date.UTC(2026, 2, 15))], [{ richText: [{ text: '2026-' }, { text: '04-01' }] }]]);
    workbook.addWorksheet('填写说明').addRows([['说明'], ['不读取']]);
    const file = path.join(dir, 'dates.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(await rowsOf(file)).toEqual([
      { row: 1, cells: ['认定日期'] },
      { row: 2, cells: ['2026-03-15'] },
      { row: 3, cells: ['2026-04-01'] },
    ]);
  });
});
