import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import EChartsReactCore from 'echarts-for-react/esm/core';
import type { CSSProperties } from 'react';

// Only the charts and components the dashboard uses, so the bundle stays small.
echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** An ECharts chart (option replaced on each change, resized with its container). */
export function Chart({
  option,
  height = 300,
  style,
  onClick,
  testId,
}: {
  option: Record<string, unknown>;
  height?: number;
  style?: CSSProperties;
  onClick?: (params: { data?: unknown; dataIndex: number; name?: string }) => void;
  testId?: string;
}) {
  return (
    <EChartsReactCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height, width: '100%', ...style }}
      onEvents={onClick ? { click: onClick } : undefined}
      data-testid={testId}
    />
  );
}

/** Escapes text for ECharts' HTML tooltips. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
