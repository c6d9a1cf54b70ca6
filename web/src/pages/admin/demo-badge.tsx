import { ExperimentOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useMeta } from '../../api/auth';
import { useT } from '../../i18n';

/** "演示数据 · 视角日期 2015-10-15" in demo mode, so nobody mistakes the synthetic data for real progress. */
export function DemoBadge({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const meta = useMeta();
  if (!meta.data?.demo) return null;
  const date = meta.data.asOf;
  return (
    <Tooltip title={t('demo.badgeTitle', { date })}>
      <Tag
        icon={<ExperimentOutlined />}
        color="gold"
        data-testid="demo-badge"
        style={{ marginInlineEnd: 0, fontSize: 13, paddingBlock: 2, whiteSpace: 'nowrap' }}
      >
        {compact ? date : t('demo.badge', { date })}
      </Tag>
    </Tooltip>
  );
}
