/**
 * Messages of 试算 on a phone (which rules answer, 更多), people and packs by name, and the
 * labels that keep ids out of sight (高级 shows them).
 */
export const phoneZh = {
  tryit: {
    answeredBy: '按哪个版本试算',
    onDay: '事件当日施行的版本',
    day: '事件日期',
    dayHelp: '留空即今天',
    draft: '草稿（未发布的修改）',
    version: '第 %{version} 版',
    result: '结果（%{version}）',
    more: '更多（%{count} 项，本规则包的规则未用到）',
  },
  ids: {
    show: '显示编号',
    caseId: '用例编号',
    packId: '规则包编号',
  },
};

export const phoneEn: typeof phoneZh = {
  tryit: {
    answeredBy: 'Answer with',
    onDay: 'The version in force on the day of the event',
    day: 'Day of the event',
    dayHelp: 'Empty: today',
    draft: 'Draft (unpublished changes)',
    version: 'Version %{version}',
    result: 'Result (%{version})',
    more: "More (%{count}, not read by this pack's rules)",
  },
  ids: {
    show: 'Show ids',
    caseId: 'Case id',
    packId: 'Pack id',
  },
};
