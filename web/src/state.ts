// What every page needs: the signed-in member, the language, the unread count.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from './api';
import type { Lang, Translator } from './i18n';

export interface AppState extends Translator {
  me: Me;
  setLang: (lang: Lang) => void;
  unread: number;
  refreshUnread: () => void;
  signOut: () => void;
  // After one's own profile changed (PUT /api/v1/me's answer): the header follows.
  updateMe: (me: Me) => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside the signed-in app');
  return state;
}
