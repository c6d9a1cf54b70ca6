import { TableOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { type BulletinStatus, bulletinsApi } from '../../api/bulletins';
import { useT } from '../../i18n';

const STATUS_COLOURS: Record<BulletinStatus, string> = { draft: 'default', approved: 'processing', issued: 'success' };

/** 草稿 / 已审定 / 已印发. */
export function BulletinStatusTag({ status }: { status: BulletinStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOURS[status]} data-status={status}>
      {t.opt('bul.status.', status)}
    </Tag>
  );
}

/** Downloads the plan's 任务分解表 (measures → actions → lead and co units → deadlines) as DOCX. */
export function TaskTableButton({ planId }: { planId: number }) {
  const t = useT();
  return (
    <Button icon={<TableOutlined />} href={bulletinsApi.taskTableUrl(planId)} data-testid="task-table-docx">
      {t('bul.taskTable')}
    </Button>
  );
}
