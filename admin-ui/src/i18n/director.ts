/**
 * Messages of the director's screens: the cases a change moved on 发布, forms' field errors from
 * the server, the parameter list's search and filter, clock-time parameters, rule groups.
 */
export const directorZh = {
  moved: {
    title: '本次修改改变了这些用例的结果',
    because: '因为修改了：%{changes}',
    before: '原结果',
    after: '新结果',
    acceptAll: '确认新结果（更新 %{count} 个用例）',
    accepted: '已按新结果更新 %{count} 个用例',
    otherFailures: '其他未通过的用例',
    onlyMoved: '本次修改改变了 %{count} 个用例的结果，确认新结果后即可发布',
    nothing: '未作规定',
  },
  forms: {
    dayIncomplete: '日期不完整，请按 年-月-日 填写，如 2027-01-01',
    dayInvalid: '没有这一天，请按 年-月-日 填写，如 2027-01-01',
    dayPlaceholder: '年-月-日',
    jsonAt: '第 %{line} 行：%{message}',
  },
  paramList: {
    search: '搜索参数名称或条款',
    allDecisions: '全部事项',
    decision: '按事项筛选',
    lockedTitle: '国家规定（已锁定）%{count} 项',
    showLocked: '展开',
    hideLocked: '收起',
    noMatch: '没有符合条件的参数',
    unused: '未被任何规则使用，修改它不影响结果',
  },
  clock: {
    hint: '时刻，按 时:分 填写，如 08:30',
    invalid: '请按 时:分 填写时刻，如 08:30',
  },
  ruleGroup: {
    main: '默认组',
    newGroup: '新建条件组…',
    newGroupLabel: '新条件组名称',
    newGroupHelp: '用中文写明这一组规则管什么，如「请假审批链」',
  },
};

export const directorEn: typeof directorZh = {
  moved: {
    title: 'This change changes the results of these cases',
    because: 'Because of: %{changes}',
    before: 'Before',
    after: 'Now',
    acceptAll: 'Accept the new results (update %{count} cases)',
    accepted: '%{count} cases updated to their new results',
    otherFailures: 'Other failing cases',
    onlyMoved: 'This change changes the results of %{count} cases; accept them to publish',
    nothing: 'nothing prescribed',
  },
  forms: {
    dayIncomplete: 'Incomplete date: use yyyy-mm-dd, e.g. 2027-01-01',
    dayInvalid: 'No such day: use yyyy-mm-dd, e.g. 2027-01-01',
    dayPlaceholder: 'yyyy-mm-dd',
    jsonAt: 'Line %{line}: %{message}',
  },
  paramList: {
    search: 'Search by name or clause',
    allDecisions: 'All decisions',
    decision: 'Decision',
    lockedTitle: 'National rules (locked): %{count}',
    showLocked: 'Show',
    hideLocked: 'Hide',
    noMatch: 'No parameter matches',
    unused: 'Used by no rule: changing it changes nothing',
  },
  clock: {
    hint: 'A time of day, HH:MM, e.g. 08:30',
    invalid: 'Enter a time of day as HH:MM, e.g. 08:30',
  },
  ruleGroup: {
    main: 'Default group',
    newGroup: 'New group…',
    newGroupLabel: 'Name of the new group',
    newGroupHelp: 'Say in words what these rules decide, e.g. "leave approval chain"',
  },
};
