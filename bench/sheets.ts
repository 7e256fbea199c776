/**
 * Batch trial benchmark: a 10,000-row sheet of leave requests through
 * `batchTrialSheet` end to end — parse the .xlsx, evaluate every row, write the sheet back with
 * outcomes and Chinese explanations. Prints the time of each phase and the memory used.
 */
import ExcelJS from 'exceljs';
import { batchTrialSheet, evaluateSync, folderSource, loadPack, readFactRows } from '../engine/index.js';

const ROWS = 10_000;
const pack = loadPack('county-township-cadres', folderSource());

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('请假申请');
sheet.addRow(['申请人', '申请人类别', '假别', '请假天数（天）', '本月此前已请假天数（天）']);
const days = [0.5, 1, 1.5, 2, 3, 5, 6, 10, 30, 31];
for (let i = 0; i < ROWS; i++)
  sheet.addRow([`干部${i}`, i % 5 ? '一般干部' : '领导干部', i % 3 ? '事假' : '病假', days[i % days.length], i % 4]);
const input = Buffer.from(await workbook.xlsx.writeBuffer());

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
let t = performance.now();
const { rows } = await readFactRows('leaveApproval', input);
const parseMs = performance.now() - t;
t = performance.now();
for (const row of rows) evaluateSync(pack, 'leaveApproval', row.facts);
const evaluateMs = performance.now() - t;
t = performance.now();
const result = await batchTrialSheet(pack, 'leaveApproval', input);
const totalMs = performance.now() - t;
const memory = process.memoryUsage();

console.log(
  `\nBatch trial: ${ROWS.toLocaleString('en-US')} rows (${(input.byteLength / 1024).toFixed(0)} KiB in, ${(result.buffer.byteLength / 1024).toFixed(0)} KiB out), ${result.evaluated} evaluated, ${result.failed} failed`,
);
console.log(`  parse .xlsx           ${parseMs.toFixed(0).padStart(6)} ms`);
console.log(`  evaluate (validated)  ${evaluateMs.toFixed(0).padStart(6)} ms`);
console.log(`  end to end            ${totalMs.toFixed(0).padStart(6)} ms  (parse + evaluate + explain + write)`);
console.log(
  `  memory: heap +${((memory.heapUsed - heapBefore) / 2 ** 20).toFixed(0)} MiB, rss +${((memory.rss - rssBefore) / 2 ** 20).toFixed(0)} MiB (peak rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB)`,
);
