export interface ChartPoint {
  at: Date;
  value: number;
}

const WIDTH = 320;
const HEIGHT = 120;
const PAD = 24;

/** A line over time as inline SVG, with its figures in words for screen readers. */
export function LineChart({ title, unit, points }: { title: string; unit: string; points: ChartPoint[] }) {
  if (points.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        <p className="muted">No figures yet.</p>
      </figure>
    );
  }
  const times = points.map((point) => point.at.getTime());
  const values = points.map((point) => point.value);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const top = Math.max(1, ...values);
  const x = (t: number) => PAD + (t1 === t0 ? (WIDTH - 2 * PAD) / 2 : ((t - t0) / (t1 - t0)) * (WIDTH - 2 * PAD));
  const y = (v: number) => HEIGHT - PAD - (v / top) * (HEIGHT - 2 * PAD);
  const path = points.map((point) => `${x(point.at.getTime()).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  return (
    <figure className="chart">
      <figcaption>
        {title}: {last.value} {unit} now
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}, ${points.length} samples, from ${values[0]} to ${last.value} ${unit}`}>
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} className="axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} className="axis" />
        <text x={PAD - 4} y={PAD + 4} textAnchor="end" className="tick">
          {top}
        </text>
        <text x={PAD - 4} y={HEIGHT - PAD + 4} textAnchor="end" className="tick">
          0
        </text>
        <polyline points={path} className="series" />
        {points.map((point, index) => (
          <circle key={index} cx={x(point.at.getTime())} cy={y(point.value)} r={3} className="series-dot" />
        ))}
      </svg>
    </figure>
  );
}
