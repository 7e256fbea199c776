/** Audit actions in words (操作内容). */
const ZH: Record<string, string> = {
  'parameters.update': '修改参数', 'parameters.create': '新增参数', 'parameters.delete': '删除参数',
  'rules.update': '修改规则', 'rules.create': '新增规则', 'rules.delete': '删除规则',
  'fixtures.update': '修改测试用例', 'fixtures.create': '新增测试用例', 'fixtures.delete': '删除测试用例', 'fixtures.import': '导入测试用例表格',
  'sources.update': '修改依据条款', 'sources.create': '新增依据条款', 'sources.delete': '删除依据条款',
  'pack.create': '新建规则包', 'pack.update': '修改规则包信息', 'pack.delete': '删除规则包', 'pack.import': '导入规则包',
  'pack.publish': '发布', 'pack.rollback': '回滚', 'pack.seed': '初始导入',
  // publishing with approval and effective dates
  'pack.publishWithoutApproval': '不经审批直接发布', 'publishRequest.create': '提交发布申请', 'publishRequest.approve': '同意发布申请',
  'publishRequest.reject': '驳回发布申请', 'publishRequest.withdraw': '撤回发布申请', 'version.reschedule': '修改生效日期', 'version.cancel': '取消待施行版本',
  'user.create': '新建用户', 'user.update': '修改用户', 'user.delete': '删除用户', 'users.create': '新建用户', 'users.update': '修改用户', 'users.delete': '删除用户',
  'township.create': '新建乡镇', 'township.update': '修改乡镇', 'townships.create': '新建乡镇', 'townships.update': '修改乡镇',
  'token.create': '创建 API 令牌', 'token.revoke': '吊销 API 令牌',
  'auth.login': '登录', 'auth.logout': '退出登录', 'auth.loginFailed': '登录失败', 'auth.locked': '账户因登录失败被锁定', 'user.unlock': '解锁账户',
  'auth.passwordChange': '修改本人密码', 'auth.passwordReset': '命令行重置密码',
};

export function actionText(action: string, locale: string): string {
  return locale === 'en' ? action : ZH[action] ?? action;
}
