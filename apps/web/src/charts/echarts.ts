// The one place ECharts is configured: only the charts and components the app uses, drawn with the
// SVG renderer (crisp at any zoom, prints well, and its colours can be inspected in tests).
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  AriaComponent,
  SVGRenderer,
]);

export { echarts };
export type { EChartsOption } from 'echarts';

/** The system font stack of the app, so chart text matches the page. */
export const CHART_FONT =
  'Frutiger, "Frutiger Linotype", Univers, Calibri, "Gill Sans", "Gill Sans MT", "Helvetica Neue", Arial, sans-serif';
export const TEXT_COLOUR = '#212b32';
export const SECONDARY_TEXT = '#4c6272';
export const NHS_BLUE = '#005EB8';
