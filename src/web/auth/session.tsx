import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { setCsrfToken } from '../api/client.ts';
import { call, queryKey } from '../api/routes.ts';
import type { Me } from '../api/types.ts';
import { i18n, isLanguage, rememberLanguage, setLanguage } from '../i18n/index.ts';

const SessionContext = createContext<Me | null>(null);

/** The signed-in user; only used below the guard that ensures there is one. */
export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside a signed-in area');
  return me;
}

export function useCan(permission: Me['permissions'][number]): boolean {
  return useMe().permissions.includes(permission);
}

/**
 * The signed-in account's key, from the factory. App.tsx (on sign-in and when the session ends), sign-out
 * and the language switcher set and clear it by hand: all through this constant.
 */
export const ME_KEY = queryKey('GET /api/me');

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => call('GET /api/me'), staleTime: 5 * 60_000 });
}

/** Adopts a freshly loaded Me: CSRF token for writes, the user's saved language. */
export function adoptMe(me: Me) {
  setCsrfToken(me.csrfToken);
  if (isLanguage(me.locale) && i18n.language !== me.locale) {
    void setLanguage(me.locale);
    rememberLanguage(me.locale);
  }
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  useEffect(() => adoptMe(me), [me]);
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await call('POST /api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    client.clear();
    client.setQueryData(ME_KEY, null);
  };
}
