/** The app bar with 修改密码 in the user menu, above 退出登录. */
import { forwardRef } from 'react';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { AppBar, Logout, UserMenu, useTranslate, useUserMenu } from 'react-admin';
import { Link } from 'react-router-dom';

const ChangePasswordItem = forwardRef<HTMLAnchorElement>((props, ref) => {
  const translate = useTranslate();
  const menu = useUserMenu();
  return (
    <MenuItem component={Link} to="/account/password" ref={ref} {...props} onClick={() => menu?.onClose()} data-testid="menu-change-password">
      <ListItemIcon><KeyIcon fontSize="small" /></ListItemIcon>
      <ListItemText>{translate('account.changePassword')}</ListItemText>
    </MenuItem>
  );
});

export const AccountAppBar = () => (
  <AppBar userMenu={<UserMenu><ChangePasswordItem /><Logout /></UserMenu>} />
);
