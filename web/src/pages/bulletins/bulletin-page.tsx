import {
  ArrowLeftOutlined,
  CheckOutlined,
  DownloadOutlined,
  PrinterOutlined,
  ReloadOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, Result, Row, Space, Spin, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { type BulletinDetail, type BulletinEvent, bulletinsApi } from '../../api/bulletins';
import { ApiError } from '../../api/client';
import { errorText, type MsgKey, useT } from '../../i18n';
import { BulletinStatusTag } from './bulletin-bits';
import { DocumentView } from './document-view';

const EVENT_UI: Record<BulletinEvent, { label: MsgKey; confirm: MsgKey; icon: ReactNode; primary?: boolean }> = {
  revoke: { label: 'bul.revoke', confirm: 'bul.revokeConfirm', icon: <RollbackOutlined /> },
  approve: { label: 'bul.approve', confirm: 'bul.approveConfirm', icon: <CheckOutlined />, primary: true },
  issue: { label: 'bul.issue', confirm: 'bul.issueConfirm', icon: <SendOutlined />, primary: true },
};

/** Section 6 下步工作: editable while the bulletin is a draft. */
function NextStepsEditor({ b, onSaved }: { b: BulletinDetail; onSaved: (b: BulletinDetail) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [text, setText] = useState(b.nextSteps);
  const save = useMutation({
    mutationFn: () => bulletinsApi.saveNextSteps(b.id, b.version, text),
    onSuccess: (next) => {
      void message.success(t('bul.saved'));
      onSaved(next);
    },
    onError: (err) => void message.error(errorText(t, err)),
  });
  return (
    <Card size="small" title={t('bul.nextSteps')}>
      <Typography.Paragraph type="secondary">{t('bul.nextStepsHint')}</Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 5, maxRows: 14 }}
        maxLength={10_000}
        aria-label={t('bul.nextSteps')}
        data-testid="next-steps"
      />
      <Button
        type="primary"
        style={{ marginTop: 8 }}
        loading={save.isPending}
        disabled={text === b.nextSteps}
        onClick={() => save.mutate()}
      >
        {t('bul.saveNextSteps')}
      </Button>
    </Card>
  );
}

/** One bulletin: status and actions (审定, 退回修改, 印发 with confirmation), 下步工作, and the document itself. */
export default function BulletinPage() {
  const t = useT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const key = ['bulletins', 'detail', id];
  const query = useQuery({ queryKey: key, queryFn: () => bulletinsApi.get(id), enabled: id > 0 });
  const update = (b: BulletinDetail) => {
    queryClient.setQueryData(key, b);
    void queryClient.invalidateQueries({ queryKey: ['bulletins', 'list'] });
  };
  const act = useMutation({
    mutationFn: ({ b, event }: { b: BulletinDetail; event: BulletinEvent | 'refresh' }) =>
      event === 'refresh' ? bulletinsApi.refresh(b.id, b.version) : bulletinsApi.transition(b.id, b.version, event),
    onSuccess: (b, { event }) => {
      update(b);
      void message.success(
        t(event === 'refresh' ? 'bul.refreshed' : 'bul.done', { status: t.opt('bul.status.', b.status) }),
      );
    },
    onError: (err) => void message.error(errorText(t, err)),
  });

  if (query.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'warning'}
        title={missing ? t('error.notFoundTitle') : t('error.loadFailed')}
        subTitle={errorText(t, query.error)}
        extra={<Button onClick={() => navigate('/admin/bulletins')}>{t('bul.back')}</Button>}
      />
    );
  }
  const b = query.data;
  const confirm = (event: BulletinEvent | 'refresh') =>
    modal.confirm({
      title: event === 'refresh' ? t('bul.refresh') : t(EVENT_UI[event].label),
      content: t(event === 'refresh' ? 'bul.refreshConfirm' : EVENT_UI[event].confirm, { no: b.no }),
      okText: event === 'refresh' ? t('bul.refresh') : t(EVENT_UI[event].label),
      onOk: () => act.mutateAsync({ b, event }).catch(() => undefined),
    });
  const events = b.allowedActions.filter((a): a is BulletinEvent => a in EVENT_UI);
  const c = b.content;
  const notice =
    b.status === 'draft'
      ? t('bul.draftNotice', { asOf: b.asOf })
      : b.status === 'approved'
        ? t('bul.approvedNotice')
        : t('bul.issuedNotice', { date: dayjs(b.issuedAt).format('YYYY-MM-DD') });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12 }}>
          <Button
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(`/admin/bulletins?planId=${b.planId}`)}
            aria-label={t('bul.back')}
          />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="bulletin-title">
            {t('bul.heading', { no: b.no })}
          </Typography.Title>
          <BulletinStatusTag status={b.status} />
          <Typography.Text type="secondary" style={{ flex: 1, minWidth: 200 }}>
            {b.planTitle}
          </Typography.Text>
          <Space wrap>
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/bulletins/${b.id}`)}>
              {t('bul.printView')}
            </Button>
            <Button icon={<DownloadOutlined />} href={bulletinsApi.docxUrl(b.id)}>
              {t('bul.docx')}
            </Button>
            {b.allowedActions.includes('refresh') && (
              <Button icon={<ReloadOutlined />} onClick={() => confirm('refresh')}>
                {t('bul.refresh')}
              </Button>
            )}
            {events.map((e) => (
              <Button
                key={e}
                type={EVENT_UI[e].primary ? 'primary' : 'default'}
                icon={EVENT_UI[e].icon}
                loading={act.isPending && act.variables?.event === e}
                onClick={() => confirm(e)}
              >
                {t(EVENT_UI[e].label)}
              </Button>
            ))}
          </Space>
        </div>
        <Alert
          style={{ marginTop: 12 }}
          type={b.status === 'issued' ? 'success' : 'info'}
          showIcon
          title={notice}
          data-testid="bulletin-notice"
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={b.allowedActions.includes('edit') ? 12 : 24}>
          <Card size="small" title={t('bul.figures', { asOf: c.asOf })}>
            <Row gutter={[8, 16]}>
              <Col span={8}>
                <Statistic title={t('bul.fig.assignments')} value={c.summary.assignments} />
              </Col>
              <Col span={8}>
                <Statistic
                  title={c.previous ? t('bul.fig.progressVs', { no: c.previous.no }) : t('bul.fig.progress')}
                  value={c.summary.progress ?? 0}
                  precision={1}
                  suffix={
                    c.summary.previousProgress === null || c.summary.progress === null
                      ? '%'
                      : `% (${c.summary.progress >= c.summary.previousProgress ? '+' : ''}${(c.summary.progress - c.summary.previousProgress).toFixed(1)})`
                  }
                />
              </Col>
              <Col span={8}>
                <Statistic title={t('bul.fig.problems')} value={c.problems.length} />
              </Col>
              <Col span={8}>
                <Statistic title={t('bul.fig.escalations')} value={c.escalations.length} />
              </Col>
              <Col span={8}>
                <Statistic title={t('bul.fig.namedUnits')} value={c.reporting.units.length} />
              </Col>
              <Col span={8}>
                <Statistic title={t('bul.fig.experiences')} value={c.experiences.length} />
              </Col>
            </Row>
          </Card>
        </Col>
        {b.allowedActions.includes('edit') && (
          <Col xs={24} xl={12}>
            <NextStepsEditor key={b.version} b={b} onSaved={update} />
          </Col>
        )}
      </Row>
      <Card size="small" title={t('bul.preview')} styles={{ body: { background: '#e9ebee', overflowX: 'auto' } }}>
        <DocumentView doc={b.document} />
      </Card>
    </Space>
  );
}
