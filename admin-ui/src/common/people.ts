/**
 * People by 姓名: 操作日志, 版本 and 待审批 store login names; they show the display name the
 * administrator gave (GET /users/names), the login name only for someone without one.
 */
import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState } from 'react-admin';
import { apiCall } from '../providers/http';

/** The name shown for a login name; `seed` is the initial import, done by the system. */
export function personName(
  username: string | null | undefined,
  names: ReadonlyMap<string, string>,
  locale = 'zh',
): string {
  if (!username) return '';
  if (username === 'seed') return locale === 'en' ? 'system (initial import)' : '系统（初始导入）';
  return names.get(username) || username;
}

export function usePersonName(): (username: string | null | undefined) => string {
  const [locale] = useLocaleState();
  const { data } = useQuery({
    queryKey: ['user-names'],
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: async () =>
      new Map(
        (await apiCall<{ username: string; displayName: string }[]>('/users/names')).map((p) => [
          p.username,
          p.displayName,
        ]),
      ),
  });
  return useCallback((username) => personName(username, data ?? new Map(), locale), [data, locale]);
}
