/** Messages of the account screens (修改密码) and of locked accounts on the users screen (zh default, en). */
export const accountZh = {
  account: {
    changePassword: '修改密码',
    currentPassword: '当前密码',
    newPassword: '新密码',
    confirmPassword: '再次输入新密码',
    hint: '新密码至少 8 位。修改后，您在其他浏览器或设备上的登录将立即失效，本次登录保持有效。',
    mismatch: '两次输入的新密码不一致',
    submit: '确认修改',
    changed: '密码已修改，其他登录已失效',
    locked: '已锁定',
    lockedUntil: '因多次登录失败已锁定，至 %{time}',
    status: '状态',
    unlock: '解锁',
    unlocked: '已解锁 %{username}，可立即登录',
    passwordHelp: '设置新密码后，该用户的所有登录立即失效，锁定同时解除',
  },
};

export const accountEn: typeof accountZh = {
  account: {
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'New password again',
    hint: 'At least 8 characters. Your sign-ins in other browsers or devices end at once; this one stays.',
    mismatch: 'The two new passwords differ',
    submit: 'Change password',
    changed: 'Password changed; your other sign-ins have ended',
    locked: 'Locked',
    lockedUntil: 'Locked after failed sign-ins until %{time}',
    status: 'Status',
    unlock: 'Unlock',
    unlocked: '%{username} unlocked: they can sign in now',
    passwordHelp: "A new password ends all of this user's sign-ins and lifts a lock",
  },
};
