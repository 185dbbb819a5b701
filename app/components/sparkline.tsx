/**
 * A ROAS trend in a few hundred bytes of SVG: a line over the weeks, a dashed line at target.
 * (A chart library would cost more on a phone than this whole page.)
 */
export function Sparkline({
  values,
  target,
  label,
}: {
  values: (number | null)[];
  target: number | null;
  label: string;
}) {
  const width = 120;
  const height = 32;
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return <span className="text-xs text-muted-foreground">No data</span>;
  const max = Math.max(...known, target ?? 0) * 1.1 || 1;
  const x = (i: number) => (values.length === 1 ? width / 2 : (i / (values.length - 1)) * width);
  const y = (v: number) => height - (v / max) * height;
  const points = values.flatMap((v, i) => (v === null ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`])).join(" ");
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      className="overflow-visible"
    >
      {target !== null ? (
        <line
          x1={0}
          x2={width}
          y1={y(target)}
          y2={y(target)}
          className="stroke-muted-foreground"
          strokeDasharray="3 3"
          strokeWidth={1}
        />
      ) : null}
      <polyline points={points} fill="none" className="stroke-primary" strokeWidth={1.75} strokeLinejoin="round" />
    </svg>
  );
}
