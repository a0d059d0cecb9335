// The reach curve of the contacts report: reach (1st + 2nd degree) after accepting the
// first k pending invitations, best advised first. Drawn with uPlot.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface CurvePoint {
  k: number;
  reach: number;
}

interface Props {
  points: CurvePoint[];
  xLabel: string;
  yLabel: string;
  format: (value: number) => string;
  label: string;
}

export function ReachChart({ points, xLabel, yLabel, format, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const xs = points.map((point) => point.k);
    const ys = points.map((point) => point.reach);
    const min = Math.min(...ys);
    const max = Math.max(...ys);
    const pad = Math.max(1, Math.round((max - min) * 0.1));
    const options: uPlot.Options = {
      width: Math.max(280, element.clientWidth),
      height: 260,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: [Math.max(0, min - pad), max + pad] } },
      axes: [
        { label: xLabel, stroke: '#4b5563', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#d8dde3' }, incrs: [1, 2, 5, 10, 20, 50, 100] },
        {
          label: yLabel,
          stroke: '#4b5563',
          size: 72,
          grid: { stroke: '#eef0f3' },
          ticks: { stroke: '#d8dde3' },
          values: (_u, values) => values.map((value) => format(value)),
        },
      ],
      series: [
        {},
        {
          label: yLabel,
          stroke: '#1f5f8b',
          width: 2.5,
          fill: 'rgba(31, 95, 139, 0.08)',
          points: { show: true, size: 7, fill: '#1f5f8b' },
        },
      ],
    };
    const plot = new uPlot(options, [xs, ys], element);
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(280, element.clientWidth), height: 260 }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [points, xLabel, yLabel]);
  return <div class="chart" ref={box} role="img" aria-label={label} />;
}
