import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLang, useT } from '../i18n';

/** One button that toggles between Chinese and English; the label names the language it switches to. */
export function LanguageSwitch({ light = false, compact = false }: { light?: boolean; compact?: boolean }) {
  const t = useT();
  const [lang, setLang] = useLang();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      title={t('lang.switchTitle')}
      aria-label={`${t('lang.switchTitle')}: ${t('lang.switchTo')}`}
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      data-testid="language-switch"
      style={light ? { color: '#fff' } : undefined}
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {compact ? (lang === 'en' ? '中' : 'EN') : t('lang.switchTo')}
    </Button>
  );
}
