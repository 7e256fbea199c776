/** 解锁: lift the lock failed sign-ins put on an account (admin only; shown only while locked). */
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { Button, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { apiCall } from '../providers/http';
import { formatTime } from '../common/shanghaiTime';

export interface UserRecord {
  id: number;
  username: string;
  lockedUntil?: string | null;
}

export const isLocked = (user: UserRecord | undefined) =>
  Boolean(user?.lockedUntil && Date.parse(user.lockedUntil) > Date.now());

/** 已锁定 with the time the lock ends, or nothing. */
export const LockStatus = () => {
  const user = useRecordContext<UserRecord>();
  const translate = useTranslate();
  if (!isLocked(user)) return null;
  return (
    <span title={translate('account.lockedUntil', { time: formatTime(user!.lockedUntil) })} data-testid="user-locked">
      🔒 {translate('account.locked')}
    </span>
  );
};

export const UnlockButton = () => {
  const user = useRecordContext<UserRecord>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!isLocked(user)) return null;
  const unlock = async (event: React.MouseEvent) => {
    event.stopPropagation(); // the row opens the edit page otherwise
    try {
      await apiCall(`/users/${user!.id}/unlock`, { body: {} });
      notify('account.unlocked', { type: 'success', messageArgs: { username: user!.username } });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Button label="account.unlock" onClick={unlock} data-testid="unlock-user">
      <LockOpenIcon />
    </Button>
  );
};
