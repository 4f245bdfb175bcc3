/**
 * Charts as SVG drawn on the server (no script, no library), each followed by its numbers as a table:
 * the chart for a glance, the table for reading exact figures and for screen readers.
 */

export interface Series {
  name: string;
  values: number[];
}

const W = 480;
const H = 200;
/** Horizontal charts are narrower: their labels stay readable in a dashboard card. */
const HW = 400;
const PAD = { top: 12, right: 12, bottom: 34, left: 40 };

const niceMax = (n: number) => {
  if (n <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
};

/** Vertical bars, grouped by label, one colour per series. */
export const BarChart = ({
  title,
  labels,
  series,
  labelHeader,
  testId,
}: {
  title: string;
  labels: string[];
  series: Series[];
  labelHeader: string;
  testId: string;
}) => {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const groupW = plotW / Math.max(1, labels.length);
  const barW = Math.max(2, (groupW * 0.8) / Math.max(1, series.length));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  return (
    <figure class="chart" data-chart={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg">
        <line class="axis" x1={PAD.left} y1={PAD.top + plotH} x2={W - PAD.right} y2={PAD.top + plotH} />
        <line class="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotH} />
        <text x={PAD.left - 4} y={PAD.top + 4} text-anchor="end">
          {max}
        </text>
        <text x={PAD.left - 4} y={PAD.top + plotH} text-anchor="end">
          0
        </text>
        {labels.map((label, i) => (
          <g>
            {series.map((s, j) => {
              const v = s.values[i] ?? 0;
              const x = PAD.left + i * groupW + groupW * 0.1 + j * barW;
              return (
                <rect
                  class={`s${j % 6}`}
                  x={x.toFixed(1)}
                  y={y(v).toFixed(1)}
                  width={barW.toFixed(1)}
                  height={(PAD.top + plotH - y(v)).toFixed(1)}
                >
                  <title>{`${s.name} · ${label}: ${v}`}</title>
                </rect>
              );
            })}
            <text
              x={(PAD.left + i * groupW + groupW / 2).toFixed(1)}
              y={H - PAD.bottom + 16}
              text-anchor="middle"
            >
              {label}
            </text>
          </g>
        ))}
      </svg>
      {series.length > 1 ? <Legend names={series.map((s) => s.name)} /> : null}
      <details class="numbers" open>
        <summary>{labelHeader}</summary>
        <table>
          <thead>
            <tr>
              <th>{labelHeader}</th>
              {series.map((s) => (
                <th class="num">{s.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr>
                <td>{label}</td>
                {series.map((s) => (
                  <td class="num">{s.values[i] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
};

const Legend = ({ names }: { names: string[] }) => (
  <div class="legend">
    {names.map((name, j) => (
      <span>
        <svg viewBox="0 0 10 10" aria-hidden="true">
          <rect class={`s${j % 6}`} width="10" height="10" />
        </svg>{' '}
        {name}
      </span>
    ))}
  </div>
);

/** Horizontal bars, one per row, each with its own colour class. */
export const HBarChart = ({
  title,
  rows,
  labelHeader,
  valueHeader,
  testId,
}: {
  title: string;
  rows: { label: string; value: number; cls: string }[];
  labelHeader: string;
  valueHeader: string;
  testId: string;
}) => {
  const rowH = 24;
  const labelW = 150;
  const h = rows.length * rowH + 8;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const plotW = HW - labelW - 40;
  return (
    <figure class="chart" data-chart={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${HW} ${h}`} role="img" aria-label={title} xmlns="http://www.w3.org/2000/svg">
        {rows.map((r, i) => (
          <g>
            <text x={labelW - 6} y={i * rowH + 18} text-anchor="end">
              {r.label}
            </text>
            <rect
              class={r.cls}
              x={labelW}
              y={i * rowH + 5}
              height={rowH - 8}
              width={((r.value / max) * plotW).toFixed(1)}
            >
              <title>{`${r.label}: ${r.value}`}</title>
            </rect>
            <text x={(labelW + (r.value / max) * plotW + 6).toFixed(1)} y={i * rowH + 18}>
              {r.value}
            </text>
          </g>
        ))}
      </svg>
      <details class="numbers">
        <summary>{valueHeader}</summary>
        <table>
          <thead>
            <tr>
              <th>{labelHeader}</th>
              <th class="num">{valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.label}</td>
                <td class="num">{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
};
