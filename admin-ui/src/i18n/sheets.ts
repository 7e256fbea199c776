/** Messages of the spreadsheet screens and of base-pack locks on parameters. */
export const sheetsZh = {
  fixturesTitle: '用 Excel 编辑测试用例',
  fixturesHint:
    '导出所选事项的测试用例（草稿，含继承的用例），在 Excel/WPS 中修改或添加行，再导入草稿。表格有误时不保存任何内容。',
  exportXlsx: '导出 Excel',
  importXlsx: '导入 Excel',
  exportCsv: '导出 CSV',
  exported: '已导出 %{file}',
  imported: '已导入：新增 %{added} 个，更新 %{updated} 个，未变 %{unchanged} 个',
  sheet: '工作表',
  row: '行',
  column: '列',
  problem: '问题',
  wholeFile: '整个文件',
  wholeRow: '整行',
  conflict:
    '草稿在您导出表格之后已被修改（可能是其他人），未保存任何内容。请重新加载，重新导出表格，在新表格中修改后再导入。',
  reload: '重新加载',
  tooLarge: '文件过大，超过服务器允许的大小，未保存任何内容。请把表格拆分成几个较小的文件后再导入。',
  batchTitle: '批量试算',
  batchHint:
    '上传 Excel 表格（首行为事实名称，可用导出的测试用例表格作模板），每一行试算一次；结果表格增加 试算结果、说明、命中规则、错误 四列并自动下载。试算不记入决策日志。',
  batchUpload: '上传表格并试算（.xlsx）',
  queued: '排队中…',
  progress: '已试算 %{done} / %{total} 行',
  batchDone: '试算完成：%{evaluated} 行，其中 %{failed} 行出错；结果已下载：%{file}',
  downloadAgain: '再次下载',
  jobFailed: '批量试算失败',
};

export const sheetsEn: typeof sheetsZh = {
  fixturesTitle: 'Edit test cases in Excel',
  fixturesHint:
    "Export the chosen decision's test cases (draft, inherited ones included), change or add rows in Excel/WPS, then import them into the draft. Nothing is saved when the sheet has errors.",
  exportXlsx: 'Export Excel',
  importXlsx: 'Import Excel',
  exportCsv: 'Export CSV',
  exported: 'Exported %{file}',
  imported: 'Imported: %{added} added, %{updated} updated, %{unchanged} unchanged',
  sheet: 'Sheet',
  row: 'Row',
  column: 'Column',
  problem: 'Problem',
  wholeFile: 'whole file',
  wholeRow: 'whole row',
  conflict:
    'The draft changed after you exported the sheet (perhaps by someone else); nothing was saved. Reload, export the sheet again and make your changes in the new sheet.',
  reload: 'Reload',
  tooLarge: 'The file is larger than the server accepts; nothing was saved. Split the sheet into smaller files.',
  batchTitle: 'Batch trial',
  batchHint:
    'Upload an Excel sheet whose first row names the facts (an exported test-case sheet is a template); every row is evaluated and the result sheet, with result, explanation, rules and error columns, is downloaded. Trials are not written to the decision log.',
  batchUpload: 'Upload a sheet and evaluate (.xlsx)',
  queued: 'Queued…',
  progress: '%{done} of %{total} rows evaluated',
  batchDone: 'Done: %{evaluated} rows, %{failed} with errors; result downloaded: %{file}',
  downloadAgain: 'Download again',
  jobFailed: 'The batch trial failed',
};

export const locksZh = {
  fixed: '由 %{pack} 锁定，不可修改：%{reason}',
  bounded: '%{pack} 限定：%{bounds}（%{reason}）',
  boundedLabel: '有上级限定',
  min: '不得低于 %{min}%{unit}',
  max: '不得高于 %{max}%{unit}',
  range: '允许范围：%{min} – %{max}%{unit}',
};

export const locksEn: typeof locksZh = {
  fixed: 'Locked by %{pack}, may not be changed: %{reason}',
  bounded: '%{pack} bounds it: %{bounds} (%{reason})',
  boundedLabel: 'Bounded by a base pack',
  min: 'at least %{min}%{unit}',
  max: 'at most %{max}%{unit}',
  range: 'Allowed: %{min} – %{max}%{unit}',
};
