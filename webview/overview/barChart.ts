import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartEvent,
  LinearScale,
  type Plugin,
  Tooltip,
} from 'chart.js';
import type { BarSpec, ChartSpec } from './chartSpecs';
import type { Palette } from './theme';

// Only what bar charts need: a smaller bundle, and nothing that evaluates code or injects <style>.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

type BarChart = Chart<'bar', (number | null)[], string>;

/** The dashed `max_length` line between two bars, with its label, drawn over the bars. */
const markerPlugin: Plugin<'bar'> = {
  id: 'afMarker',
  afterDatasetsDraw(chart) {
    const host = (chart.options.plugins as { afMarker?: MarkerOptions }).afMarker;
    if (!host?.marker) return;
    const bars = chart.getDatasetMeta(0).data as unknown as BarGeometry[];
    const left = bars[host.marker.after];
    if (!left) return;
    const right = bars[host.marker.after + 1];
    const x = right ? (left.x + right.x) / 2 : left.x + left.width / 2 + 2;
    const { top, bottom } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = host.color;
    ctx.lineWidth = 2;
    ctx.setLineDash([5, 3]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = host.color;
    ctx.font = `${host.fontSize}px ${host.fontFamily}`;
    ctx.textBaseline = 'top';
    const width = ctx.measureText(host.marker.label).width;
    // Label on the side with room: left of the line when it sits in the right half.
    const rightHalf = x > (chart.chartArea.left + chart.chartArea.right) / 2;
    ctx.textAlign = rightHalf ? 'right' : 'left';
    ctx.fillText(host.marker.label, rightHalf ? x - 4 : x + 4, top + 2, Math.max(width, 40));
    ctx.restore();
  },
};

/** Writes each bar's centre (CSS pixels, relative to the canvas) to `data-bars`: a hook for tests. */
const geometryPlugin: Plugin<'bar'> = {
  id: 'afGeometry',
  afterRender(chart) {
    const bars = chart.getDatasetMeta(0).data as unknown as BarGeometry[];
    const values = chart.data.datasets[0]?.data ?? [];
    const horizontal = chart.options.indexAxis === 'y';
    const centres = bars.map((b, i) => ({
      x: Math.round(horizontal ? (b.x + b.base) / 2 : b.x),
      y: Math.round(horizontal ? b.y : (b.y + b.base) / 2),
      count: values[i] ?? 0,
    }));
    chart.canvas.dataset.bars = JSON.stringify(centres);
  },
};

interface BarGeometry {
  x: number;
  y: number;
  base: number;
  width: number;
  height: number;
}

interface MarkerOptions {
  marker?: ChartSpec['marker'];
  color: string;
  fontFamily: string;
  fontSize: number;
}

/**
 * One bar chart on a canvas (Chart.js): themed from the palette, the numbers on hover, and a click on
 * a bar's column (not only its body, so a bar of one record is easy to hit) calls `onBar`.
 */
export class BarChartView {
  private chart: BarChart | undefined;
  private spec: ChartSpec;

  constructor(
    canvas: HTMLCanvasElement,
    spec: ChartSpec,
    private palette: Palette,
    private readonly onBar: (bar: BarSpec) => void,
  ) {
    this.spec = spec;
    this.chart = new Chart(canvas, this.config()) as BarChart;
  }

  update(spec: ChartSpec): void {
    this.spec = spec;
    const chart = this.chart;
    if (!chart) return;
    const fresh = this.config();
    chart.data = fresh.data;
    chart.options = fresh.options ?? {};
    chart.update('none');
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    this.update(this.spec);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private config(): ChartConfiguration<'bar', (number | null)[], string> {
    const { spec, palette: p } = this;
    const horizontal = spec.horizontal;
    const colours = spec.bars.map((b) => p.tones[b.tone]);
    const font = { family: p.fontFamily, size: Math.max(10, p.fontSize - 1) };
    const valueAxis = {
      beginAtZero: true,
      ticks: { precision: 0, color: p.muted, font },
      grid: { color: p.grid },
      border: { color: p.grid },
    };
    const categoryAxis = {
      ticks: { color: p.foreground, font, autoSkip: true, maxRotation: 0 },
      grid: { display: false },
      border: { color: p.grid },
    };
    const marker: MarkerOptions = {
      marker: spec.marker,
      color: p.marker,
      fontFamily: p.fontFamily,
      fontSize: font.size,
    };
    return {
      type: 'bar',
      data: {
        labels: spec.bars.map((b) => b.label),
        datasets: [
          {
            // An empty bar is no bar (a minimum length would draw zero as a stub).
            data: spec.bars.map((b) => (b.value > 0 ? b.value : null)),
            backgroundColor: colours,
            hoverBackgroundColor: colours,
            borderColor: p.contrastBorder || colours,
            borderWidth: p.contrastBorder ? 1 : 0,
            // A bar of one record among thousands still shows.
            minBarLength: 2,
            categoryPercentage: 0.9,
            barPercentage: 0.95,
          },
        ],
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false, axis: horizontal ? 'y' : 'x' },
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        onClick: (event: ChartEvent, _elements, chart) => this.clicked(event, chart as BarChart),
        onHover: (event: ChartEvent, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
        },
        plugins: {
          tooltip: {
            backgroundColor: p.tooltipBackground,
            titleColor: p.tooltipForeground,
            bodyColor: p.tooltipForeground,
            borderColor: p.tooltipBorder,
            borderWidth: p.tooltipBorder === 'transparent' ? 0 : 1,
            titleFont: { ...font, weight: 'bold' },
            bodyFont: font,
            displayColors: false,
            callbacks: {
              label: (item) => {
                const bar = this.spec.bars[item.dataIndex];
                return [
                  `${(bar?.value ?? 0).toLocaleString('en-US')} ${this.spec.noun}`,
                  ...(bar?.detail ?? []),
                ];
              },
            },
          },
          afMarker: marker,
        } as NonNullable<ChartConfiguration<'bar'>['options']>['plugins'],
      },
      plugins: [markerPlugin, geometryPlugin],
    };
  }

  private clicked(event: ChartEvent, chart: BarChart): void {
    if (!event.native) return;
    const hits = chart.getElementsAtEventForMode(event.native, 'index', { intersect: false }, false);
    const bar = hits[0] ? this.spec.bars[hits[0].index] : undefined;
    if (bar && bar.value > 0) this.onBar(bar);
  }
}
