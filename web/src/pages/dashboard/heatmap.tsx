import { useNavigate } from 'react-router';
import type { Dashboard } from '../../api/dashboard-types';
import { LIGHT_HEX, measureNo, pct } from '../../components/plan-bits';
import { useT } from '../../i18n';
import { Chart, esc } from './chart';

interface Cell {
  value: [number, number, number | null];
  unitCode: string;
  measureExternalId: string;
  light: string;
  itemStyle: { color: string };
}

/**
 * Unit × measure heatmap: a cell's colour is the unit's worst light on the measure (not a colour scale),
 * its label the mean progress; blank where the unit has no part in the measure. Clicking a cell lists
 * those assignments.
 */
export function Heatmap({ data }: { data: Dashboard }) {
  const t = useT();
  const navigate = useNavigate();
  const { units, measures, cells } = data.heatmap;
  const x = new Map(measures.map((m, i) => [m.externalId, i]));
  const y = new Map(units.map((u, i) => [u.code, i]));
  const points: Cell[] = cells.flatMap((c) => {
    const xi = x.get(c.measureExternalId);
    const yi = y.get(c.unitCode);
    if (xi === undefined || yi === undefined) return [];
    return [
      {
        value: [xi, yi, c.progress === null ? null : Math.round(c.progress)],
        unitCode: c.unitCode,
        measureExternalId: c.measureExternalId,
        light: c.light,
        itemStyle: { color: LIGHT_HEX[c.light] ?? '#bfbfbf' },
      },
    ];
  });

  const lit = (code: string) => points.filter((p) => p.light === code).length;
  return (
    // The data attributes let tests (and curious people) read the grid without the canvas.
    <div
      data-testid="heatmap"
      data-units={units.length}
      data-measures={measures.length}
      data-cells={points.length}
      data-overdue={lit('OVERDUE')}
      data-behind={lit('BEHIND')}
    >
      <Chart
        height={Math.max(320, units.length * 26 + 90)}
        onClick={(p) => {
          const cell = p.data as Cell | undefined;
          if (!cell) return;
          navigate(
            `/admin/assignments?planId=${data.plan.id}&unitCode=${cell.unitCode}&q=${encodeURIComponent(cell.measureExternalId)}&asOf=${data.asOf}`,
          );
        }}
        option={{
          grid: { left: 8, right: 12, top: 8, bottom: 8, containLabel: true },
          tooltip: {
            formatter: (p: { data: Cell }) => {
              const unit = units[p.data.value[1]];
              const m = measures[p.data.value[0]];
              if (!unit || !m) return '';
              return [
                `${esc(t('dash.tooltip.unit'))}:${esc(unit.name)}`,
                `${esc(t('dash.tooltip.measure'))}:${esc(measureNo(t, m.number))}${esc(m.title)}`,
                `${esc(t('dash.tooltip.light'))}:${esc(t.opt('light.', p.data.light))}`,
                `${esc(t('dash.tooltip.progress'))}:${pct(p.data.value[2])}`,
              ].join('<br/>');
            },
          },
          xAxis: {
            type: 'category',
            position: 'top',
            data: measures.map((m) => measureNo(t, m.number)),
            splitArea: { show: true },
            axisLabel: { interval: 0, fontSize: 12 },
            axisTick: { show: false },
          },
          yAxis: {
            type: 'category',
            inverse: true,
            data: units.map((u) => u.name),
            splitArea: { show: true },
            axisLabel: { interval: 0, fontSize: 12 },
            axisTick: { show: false },
          },
          series: [
            {
              type: 'heatmap',
              data: points,
              label: {
                show: true,
                fontSize: 11,
                color: '#fff',
                formatter: (p: { data: Cell }) => (p.data.value[2] === null ? '' : String(p.data.value[2])),
              },
              itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 3 },
              emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
            },
          ],
        }}
      />
    </div>
  );
}
