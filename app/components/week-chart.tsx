/**
 * A week-by-week chart as server-rendered SVG: no chart library to download (ADR 018's page
 * stays within its budget), readable in both themes (it draws in the theme's colours), every value
 * reachable by hover (a native tooltip), by keyboard and by touch (each week is focusable and
 * shows its value when focused), and the same numbers in a table beneath.
 */
import { useCurrency } from "~/hooks/use-number-format";
import { Card } from "~/components/ui/card";
import { formatWeek } from "~/lib/format";
import type { NumberFormat } from "../../core/decimal";
import { formatMoneyShort } from "../../core/money";
import { formatRoasTimes } from "../../core/roas";

export type ChartWeek = { week: string; value: number | null };
export type ChartNote = { week: string; text: string };

const W = 480;
const H = 240;
const PAD = { top: 18, right: 8, bottom: 28, left: 58 };

/** Round steps for the value axis: 1, 2 or 5 times a power of ten. */
function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw)! * power;
  return step;
}

export function WeekChart({
  title,
  kind,
  weeks,
  reference,
  format,
  notes = [],
}: {
  title: string;
  kind: "line" | "bars";
  weeks: ChartWeek[];
  /** A horizontal line to read the values against (a target, a budget), if any. */
  reference: { label: string; value: number | null };
  format: (value: number) => string;
  notes?: ChartNote[];
}) {
  const values = weeks.flatMap((w) => (w.value === null ? [] : [w.value]));
  const top = Math.max(...values, reference.value ?? 0, 0) || 1;
  const step = niceStep(top, 4);
  const max = Math.ceil(top / step) * step;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const band = innerW / Math.max(weeks.length, 1);
  const x = (i: number) => PAD.left + band * i + band / 2;
  const y = (value: number) => PAD.top + innerH - (value / max) * innerH;
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  const noted = new Map(notes.map((n) => [n.week, n.text]));
  const line = weeks
    .map((w, i) => (w.value === null ? null : `${x(i)},${y(w.value)}`))
    .reduce<string[][]>(
      (runs, point) => {
        // A week without numbers breaks the line rather than drawing through it.
        if (point === null) runs.push([]);
        else runs.at(-1)!.push(point);
        return runs;
      },
      [[]],
    )
    .filter((run) => run.length > 0);
  const describe = (w: ChartWeek) =>
    `Week of ${formatWeek(w.week)}: ${w.value === null ? "no numbers" : format(w.value)}` +
    (reference.value === null ? "" : `, ${reference.label.toLowerCase()} ${format(reference.value)}`) +
    (noted.has(w.week) ? `. Note: ${noted.get(w.week)}` : "");

  return (
    <figure className="grid gap-2">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full text-foreground">
        <title>{title}</title>
        {ticks.map((tick) => (
          <g key={tick} className="text-muted-foreground">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="currentColor" opacity={0.2} />
            <text
              x={PAD.left - 6}
              y={y(tick)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize={12}
              fill="currentColor"
            >
              {format(tick)}
            </text>
          </g>
        ))}
        {weeks.map((w, i) =>
          i % Math.ceil(weeks.length / 6) === 0 ? (
            <text key={w.week} x={x(i)} y={H - 8} textAnchor="middle" fontSize={12} className="fill-muted-foreground">
              {formatWeek(w.week)}
            </text>
          ) : null,
        )}
        {kind === "bars"
          ? weeks.map((w, i) =>
              w.value === null ? null : (
                <rect
                  key={w.week}
                  x={x(i) - band * 0.3}
                  width={band * 0.6}
                  y={y(w.value)}
                  height={Math.max(0, y(0) - y(w.value))}
                  className="fill-primary"
                  opacity={0.75}
                />
              ),
            )
          : line.map((run) => (
              <polyline key={run[0]} points={run.join(" ")} fill="none" stroke="currentColor" strokeWidth={2} />
            ))}
        {reference.value === null ? null : (
          <g className="text-warning">
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(reference.value)}
              y2={y(reference.value)}
              stroke="currentColor"
              strokeWidth={2}
              strokeDasharray="6 4"
            />
            <text x={W - PAD.right} y={y(reference.value) - 5} textAnchor="end" fontSize={12} fill="currentColor">
              {reference.label} {format(reference.value)}
            </text>
          </g>
        )}
        {weeks.map((w, i) => (
          // Each week is a focusable target the width of its column: hover, Tab or a tap shows its value.
          // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a point is focused to be read, not used
          <g key={w.week} role="img" tabIndex={0} aria-label={describe(w)} className="group outline-none">
            <title>{describe(w)}</title>
            <rect x={x(i) - band / 2} y={PAD.top} width={band} height={innerH} fill="transparent" />
            {noted.has(w.week) ? <path d={`M${x(i) - 5},${PAD.top} l5,8 l5,-8 z`} className="fill-foreground" /> : null}
            {kind === "line" && w.value !== null ? (
              <circle
                cx={x(i)}
                cy={y(w.value)}
                r={4}
                className="fill-background"
                stroke="currentColor"
                strokeWidth={2}
              />
            ) : null}
            <rect
              x={x(i) - band / 2}
              y={PAD.top}
              width={band}
              height={innerH}
              fill="none"
              className="stroke-ring opacity-0 group-focus:opacity-100"
              strokeWidth={2}
            />
            <text
              x={Math.min(Math.max(x(i), PAD.left + 60), W - PAD.right - 60)}
              y={PAD.top + 12}
              textAnchor="middle"
              fontSize={12}
              className="pointer-events-none fill-foreground opacity-0 group-focus:opacity-100 group-hover:opacity-100"
            >
              {w.value === null ? "—" : format(w.value)}
            </text>
          </g>
        ))}
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-primary">Show as a table</summary>
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">{title}, by week</caption>
          <thead className="text-left text-muted-foreground">
            <tr>
              <th className="py-1 pr-3 font-medium">Week</th>
              <th className="py-1 pr-3 text-right font-medium">{title.split(" vs ")[0]}</th>
              <th className="py-1 pr-3 text-right font-medium">{reference.label}</th>
              <th className="py-1 font-medium">Note</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {weeks.map((w) => (
              <tr key={w.week}>
                <td className="py-1 pr-3">{formatWeek(w.week)}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{w.value === null ? "—" : format(w.value)}</td>
                <td className="py-1 pr-3 text-right tabular-nums">
                  {reference.value === null ? "—" : format(reference.value)}
                </td>
                <td className="py-1">{noted.get(w.week) ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The two charts every level shows: ROAS against its target, spend against its budget. */
export function RoasAndSpendCharts({
  weeks,
  targetMilli,
  budgetCents,
  notes,
  format,
}: {
  weeks: { week: string; roasMilli: number | null; spendCents: number | null }[];
  targetMilli: number | null;
  budgetCents: number | null;
  notes: ChartNote[];
  format: NumberFormat;
}) {
  const currency = useCurrency();
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card className="p-4">
        <WeekChart
          title="ROAS vs target"
          kind="line"
          weeks={weeks.map((w) => ({ week: w.week, value: w.roasMilli }))}
          reference={{ label: "Target", value: targetMilli }}
          format={(milli) => formatRoasTimes(Math.round(milli), format)}
          notes={notes}
        />
      </Card>
      <Card className="p-4">
        <WeekChart
          title="Spend vs budget"
          kind="bars"
          weeks={weeks.map((w) => ({ week: w.week, value: w.spendCents }))}
          reference={{ label: "Budget", value: budgetCents }}
          format={(cents) => formatMoneyShort(Math.round(cents), format, currency)}
          notes={notes}
        />
      </Card>
    </div>
  );
}
