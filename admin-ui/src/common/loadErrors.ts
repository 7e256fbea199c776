/**
 * What a show/edit page does when its record cannot be loaded: say the API's reason (e.g. 403
 * 「该规则包属于其他乡镇…」 instead of react-admin's generic 「该项不存在」) and go back to the list.
 */
import { useNotify, useRedirect } from 'react-admin';

export function useLoadErrorOptions(resource: string) {
  const notify = useNotify();
  const redirect = useRedirect();
  return {
    onError: (error: { message?: string; status?: number }) => {
      // 403: authProvider.checkError has already said why, and the page shows it; stay here
      if (error?.status === 403) return;
      notify(error?.message || 'ra.notification.item_doesnt_exist', { type: 'error', autoHideDuration: 10_000 });
      redirect('list', resource);
    },
  };
}
