import { Empty } from 'antd';
import { useNavigate } from 'react-router';
import type { Dashboard } from '../../api/dashboard-types';
import type { LightCode } from '../../api/plan-types';
import { LIGHT_HEX, LIGHT_ORDER, measureNo, pct } from '../../components/plan-bits';
import { useT } from '../../i18n';
import { Chart, esc } from './chart';

/** Light counts as a donut; clicking a slice lists those assignments. */
export function LightsDonut({ data }: { data: Dashboard }) {
  const t = useT();
  const navigate = useNavigate();
  const slices = LIGHT_ORDER.map((code) => ({
    name: t.opt('light.', code),
    code,
    value: data.plan.lights[code] ?? 0,
    itemStyle: { color: LIGHT_HEX[code] },
  })).filter((s) => s.value > 0);
  if (slices.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noData')} />;
  return (
    <Chart
      testId="lights-donut"
      height={280}
      onClick={(p) => {
        const code = (p.data as { code?: LightCode } | undefined)?.code;
        if (code) navigate(`/admin/assignments?planId=${data.plan.id}&light=${code}&asOf=${data.asOf}`);
      }}
      option={{
        tooltip: { trigger: 'item', formatter: '{b}:{c}({d}%)' },
        legend: { bottom: 0, icon: 'circle' },
        series: [
          {
            type: 'pie',
            radius: ['48%', '72%'],
            center: ['50%', '44%'],
            avoidLabelOverlap: true,
            label: { formatter: '{c}', fontSize: 13 },
            data: slices,
          },
        ],
      }}
    />
  );
}

/** Progress of each measure as bars coloured by the measure's worst light. */
export function MeasureBars({ data }: { data: Dashboard }) {
  const t = useT();
  const rows = data.measures;
  return (
    <Chart
      testId="measure-bars"
      height={Math.max(260, rows.length * 22 + 60)}
      option={{
        grid: { left: 8, right: 40, top: 10, bottom: 10, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (ps: { dataIndex: number }[]) => {
            const m = rows[ps[0]?.dataIndex ?? 0];
            if (!m) return '';
            return `${esc(measureNo(t, m.number))}${esc(m.title)}<br/>${esc(t('dash.tooltip.progress'))}:${pct(m.progress)}<br/>${esc(t('dash.tooltip.light'))}:${esc(m.worst ? t.opt('light.', m.worst) : '—')}`;
          },
        },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: {
          type: 'category',
          inverse: true,
          data: rows.map(
            (m) => `${measureNo(t, m.number)}${m.title.length > 12 ? `${m.title.slice(0, 12)}…` : m.title}`,
          ),
          axisLabel: { fontSize: 12 },
        },
        series: [
          {
            type: 'bar',
            barMaxWidth: 14,
            label: { show: true, position: 'right', formatter: (p: { value: number }) => `${p.value}%` },
            data: rows.map((m) => ({
              value: m.progress ?? 0,
              itemStyle: { color: m.worst ? LIGHT_HEX[m.worst] : '#bfbfbf', borderRadius: [0, 3, 3, 0] },
            })),
          },
        ],
      }}
    />
  );
}

/** Month by month: overall progress (line) and reports submitted / accepted (bars). */
export function TrendChart({ data }: { data: Dashboard }) {
  const t = useT();
  if (data.trend.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noData')} />;
  return (
    <Chart
      testId="trend"
      height={280}
      option={{
        grid: { left: 8, right: 8, top: 30, bottom: 30, containLabel: true },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        xAxis: { type: 'category', data: data.trend.map((p) => p.month) },
        yAxis: [
          { type: 'value', name: '%', max: 100, splitLine: { show: true } },
          { type: 'value', minInterval: 1, splitLine: { show: false } },
        ],
        series: [
          {
            name: t('dash.reportsSubmitted'),
            type: 'bar',
            yAxisIndex: 1,
            itemStyle: { color: '#91caff' },
            data: data.trend.map((p) => p.reportsSubmitted),
          },
          {
            name: t('dash.reportsAccepted'),
            type: 'bar',
            yAxisIndex: 1,
            itemStyle: { color: '#95de64' },
            data: data.trend.map((p) => p.reportsAccepted),
          },
          {
            name: t('dash.trendProgress'),
            type: 'line',
            smooth: true,
            symbolSize: 7,
            itemStyle: { color: '#1656a8' },
            label: { show: true, formatter: '{c}' },
            data: data.trend.map((p) => p.progress),
          },
        ],
      }}
    />
  );
}
