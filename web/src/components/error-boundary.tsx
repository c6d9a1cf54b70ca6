import { Button, Result, Typography } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../i18n';

/** The "this page failed" screen, shared by the ErrorBoundary and the router's errorElement. */
export function CrashScreen({ error }: { error: unknown }) {
  const t = useT();
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (
    <Result
      status="500"
      title={t('error.crashTitle')}
      subTitle={t('error.crashText')}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </Button>,
        <Button key="home" href="/">
          {t('common.backHome')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary" code copyable style={{ textAlign: 'center', margin: 0 }}>
        {detail}
      </Typography.Paragraph>
    </Result>
  );
}

interface State {
  error: unknown;
}

/** Catches render errors below it and shows the error page instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('UI error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error !== null) return <CrashScreen error={this.state.error} />;
    return this.props.children;
  }
}
