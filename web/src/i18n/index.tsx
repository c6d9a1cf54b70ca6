import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { ApiError, CLIENT_CODES, setApiLang } from '../api/client';
import { en } from './en';
import { type MsgKey, zh } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export type { MsgKey };
export type Params = Record<string, string | number>;
/** Translates a key, filling `{name}` slots. */
export type TFunction = ((key: MsgKey, params?: Params) => string) & {
  /** Translates `prefix + value` when the key exists, else returns the value itself (kinds, actions, …). */
  opt: (prefix: string, value: string) => string;
  lang: Lang;
};

const STORAGE_KEY = 'qcity.lang';
const DICTS: Record<Lang, Record<MsgKey, string>> = { 'zh-CN': zh, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

function makeT(lang: Lang): TFunction {
  const dict = DICTS[lang];
  const t = ((key: MsgKey, params?: Params) => fill(dict[key] ?? key, params)) as TFunction;
  t.opt = (prefix, value) => {
    const key = `${prefix}${value}`;
    return Object.hasOwn(dict, key) ? dict[key as MsgKey] : value;
  };
  t.lang = lang;
  return t;
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

function applyLang(lang: Lang): void {
  setApiLang(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  document.title = DICTS[lang]['app.title'];
}

/** Holds the UI language (localStorage `qcity.lang`, default zh-CN) and the antd locale that goes with it. */
export function I18nProvider({ children }: { children: ReactNode }) {
  // Applied before the first render so the first requests already carry the right Accept-Language.
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = initialLang();
    applyLang(initial);
    return initial;
  });
  const queryClient = useQueryClient();
  const setLang = useCallback(
    (next: Lang) => {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
      applyLang(next);
      setLangState(next);
      // Server texts (error messages, permission descriptions) come back in the new language.
      void queryClient.invalidateQueries();
    },
    [queryClient],
  );
  const value = useMemo(() => ({ lang, setLang, t: makeT(lang) }), [lang, setLang]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'en' ? enUS : zhCN}
        theme={{ token: { colorPrimary: '#1656a8', borderRadius: 6 } }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() needs <I18nProvider>');
  return value;
}

/** The translate function for the current language. */
export function useT(): TFunction {
  return useI18n().t;
}

/** The current language and its setter. */
export function useLang(): [Lang, (lang: Lang) => void] {
  const { lang, setLang } = useI18n();
  return [lang, setLang];
}

/** A user-facing message for any thrown value: the server's localised message, or a client-side one. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === CLIENT_CODES.network) return t('error.network');
    if (err.code === CLIENT_CODES.badResponse) return t('error.badResponse', { status: err.status });
    return err.message || t('error.unknown');
  }
  return err instanceof Error ? err.message : t('error.unknown');
}
