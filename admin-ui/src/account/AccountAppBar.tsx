/** The app bar with 修改密码 in the user menu, above 退出登录. */
import { forwardRef } from 'react';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { AppBar, Logout, UserMenu, useGetIdentity, useTranslate, useUserMenu } from 'react-admin';
import { Link } from 'react-router-dom';

const ChangePasswordItem = forwardRef<HTMLAnchorElement>((props, ref) => {
  const translate = useTranslate();
  const menu = useUserMenu();
  return (
    <MenuItem
      component={Link}
      to="/account/password"
      ref={ref}
      {...props}
      onClick={() => menu?.onClose()}
      data-testid="menu-change-password"
    >
      <ListItemIcon>
        <KeyIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('account.changePassword')}</ListItemText>
    </MenuItem>
  );
});

/** The user menu's button is named by the person's name it shows (a different accessible name confuses voice control). */
export const AccountAppBar = () => {
  const { identity } = useGetIdentity();
  return (
    <AppBar
      userMenu={
        <UserMenu label={identity?.fullName || 'ra.auth.user_menu'}>
          <ChangePasswordItem />
          <Logout />
        </UserMenu>
      }
    />
  );
};
