import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * The dashboards' charts as SVG rendered on the server with Observable Plot over linkedom: no
 * chart JavaScript reaches the browser (issue #13). Each chart has an accessible name here; the
 * page gives it a title, a text summary and the data table beside it. Rendering takes a few
 * milliseconds, so callers cache the result (cache.ts).
 */

const { document } = parseHTML('<html><body></body></html>');

/**
 * The SVG as one image named by its aria-label: Plot also labels its inner groups ("bar",
 * "rule"), which ARIA forbids on elements without a role (axe: aria-prohibited-attr), so those go.
 */
function asImage(svg: string): string {
  const end = svg.indexOf('>') + 1;
  return svg.slice(0, end).replace(/^<svg /, '<svg role="img" ') + svg.slice(end).replace(/ aria-label="[^"]*"/g, '');
}

/** The program's green (DESIGN.md palette); text on it passes WCAG AA. */
const BAR = '#1e5b4f';
const FONT = 'system-ui, sans-serif';

export interface Bar {
  label: string;
  value: number;
}

/**
 * Vertical bars, one per label in the given order (a histogram's bins, statuses…), each with its
 * value written above it, so the chart reads without the table too.
 */
export function columnChart(input: { bars: readonly Bar[]; ariaLabel: string; xLabel: string; yLabel: string }): string {
  const bars = [...input.bars];
  return asImage(
    Plot.plot({
      document,
      ariaLabel: input.ariaLabel,
      width: 640,
      height: 260,
      marginBottom: 48,
      marginLeft: 44,
      style: { fontFamily: FONT, fontSize: '12px' },
      x: { label: input.xLabel, domain: bars.map((b) => b.label), type: 'band', tickRotate: bars.length > 8 ? -30 : 0 },
      y: { label: input.yLabel, grid: true, nice: true, domain: [0, Math.max(1, ...bars.map((b) => b.value))] },
      marks: [
        Plot.barY(bars, { x: 'label', y: 'value', fill: BAR }),
        Plot.text(bars, { x: 'label', y: 'value', text: (b: Bar) => String(b.value), dy: -7 }),
        Plot.ruleY([0]),
      ],
    }).outerHTML,
  );
}

/**
 * Horizontal bars for shares or averages by group (state, office, gender), labels on the left,
 * each value written at the end of its bar as `format` says.
 */
export function barChart(input: {
  bars: readonly Bar[];
  ariaLabel: string;
  xLabel: string;
  max: number;
  format: (value: number) => string;
}): string {
  const bars = [...input.bars];
  const longest = Math.max(4, ...bars.map((b) => b.label.length));
  return asImage(
    Plot.plot({
      document,
      ariaLabel: input.ariaLabel,
      width: 640,
      height: 40 + bars.length * 28,
      marginLeft: Math.min(320, 12 + longest * 6.5),
      marginRight: 56,
      style: { fontFamily: FONT, fontSize: '12px' },
      x: { label: input.xLabel, domain: [0, Math.max(input.max, 1e-9)], grid: true },
      y: { label: null, domain: bars.map((b) => b.label), type: 'band' },
      marks: [
        Plot.barX(bars, { y: 'label', x: 'value', fill: BAR }),
        Plot.text(bars, { y: 'label', x: 'value', text: (b: Bar) => input.format(b.value), textAnchor: 'start', dx: 4 }),
        Plot.ruleX([0]),
      ],
    }).outerHTML,
  );
}

export interface HeatCell {
  row: string;
  column: string;
  /** 0..1: how dark the cell is. */
  share: number;
  /** What the cell says (a count). */
  text: string;
}

/** A grid of cells shaded by share, each with its text (rows: modules; columns: bands). */
export function heatMap(input: {
  cells: readonly HeatCell[];
  rows: readonly string[];
  columns: readonly string[];
  ariaLabel: string;
}): string {
  const cells = [...input.cells];
  const longest = Math.max(4, ...input.rows.map((r) => r.length));
  return asImage(
    Plot.plot({
      document,
      ariaLabel: input.ariaLabel,
      width: 640,
      height: 60 + input.rows.length * 30,
      marginLeft: Math.min(300, 12 + longest * 6.5),
      marginTop: 36,
      style: { fontFamily: FONT, fontSize: '12px' },
      x: { label: null, domain: [...input.columns], axis: 'top', type: 'band' },
      y: { label: null, domain: [...input.rows], type: 'band' },
      color: { type: 'linear', domain: [0, 1], range: ['#f6f4f2', BAR] },
      marks: [
        Plot.cell(cells, { x: 'column', y: 'row', fill: 'share', inset: 1 }),
        // Two marks, not a fill channel: a channel would go through the cells' color scale.
        Plot.text(
          cells.filter((c) => c.share > 0.5),
          { x: 'column', y: 'row', text: 'text', fill: 'white' },
        ),
        Plot.text(
          cells.filter((c) => c.share <= 0.5),
          { x: 'column', y: 'row', text: 'text', fill: 'black' },
        ),
      ],
    }).outerHTML,
  );
}
