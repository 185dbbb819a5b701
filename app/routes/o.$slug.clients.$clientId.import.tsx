import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { mailAfterWrite } from "~/server/alert-runs.server";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { type FormEvent, useMemo, useState } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field, FormError } from "~/components/ui/field";
import { Select } from "~/components/ui/select";
import { useCurrency, useNumberFormat } from "~/hooks/use-number-format";
import {
  checkRows,
  formatOfFile,
  guessMapping,
  MAPPED_FIELDS,
  type Mapping,
  parseTable,
  type RowCheck,
  type Table,
} from "../../core/csv";
import { isNumberFormat, NUMBER_FORMATS, type NumberFormat } from "../../core/decimal";
import { formatMoney } from "../../core/money";
import { formatWeek } from "~/lib/format";
import { notFound } from "~/server/auth.server";
import { type ImportSummary, importRows } from "~/server/import.server";
import { requireClientAccess, requireClientHub } from "~/server/tracker.server";
import { useImportRows } from "~/hooks/use-import-rows";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "tracker.edit", action: "tracker.edit" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Import weekly numbers · Celerity" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { hub } = await requireClientAccess(request, context, params, handle.access.loader);
  const client = await hub.clientStructure(params.clientId ?? "");
  if (!client) throw notFound();
  return { client: client.client, campaigns: client.campaigns.map(({ id, name }) => ({ id, name })) };
}

/** The path without JavaScript: the whole file or pasted text is checked and imported here. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, actor, hub } = await requireClientHub(request, context, params, handle.access.action);
  const form = await readForm(request);
  const chosen = form.get("numberFormat");
  const file = form.get("file");
  const text = file instanceof File && file.size > 0 ? await file.text() : String(form.get("csv") ?? "");
  if (!text.trim())
    return data(
      { summary: null, errors: [] as RowCheck[], form: "Choose a file or paste rows first" },
      { status: 422 },
    );
  const client = await hub.clientStructure(params.clientId ?? "");
  if (!client) throw notFound();
  const table = parseTable(text);
  const format = isNumberFormat(chosen) ? chosen : formatOfFile(table.headers, org.numberFormat);
  const checks = checkRows(table, guessMapping(table.headers), client.campaigns, format);
  const errors = checks.filter((c) => c.error);
  if (errors.length > 0 && form.get("mode") !== "valid") {
    return data(
      {
        summary: null,
        errors: errors.slice(0, 50),
        form: `${errors.length} of ${checks.length} rows are not valid; nothing was imported`,
      },
      { status: 422 },
    );
  }
  const rows = checks.flatMap((c) => (c.row ? [c.row] : []));
  const summary = await importRows(hub, actor, rows, errors.length);
  mailAfterWrite(context.cloudflare.env, context.cloudflare.ctx, org, summary.alertsOpened);
  return data(
    { summary, errors: errors.slice(0, 50), form: summary.error ?? "" },
    { status: summary.error ? 409 : 200 },
  );
}

/** Rows the preview table shows; every row is checked all the same. */
const PREVIEW = 200;

export default function Import() {
  const { client, campaigns } = useLoaderData<typeof loader>();
  const serverResult = useActionData<typeof action>();
  const { slug } = useParams();
  const busy = useNavigation().state === "submitting";
  const [table, setTable] = useState<Table | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const orgFormat = useNumberFormat();
  const [format, setFormat] = useState<NumberFormat>(orgFormat);
  const [mode, setMode] = useState<"all" | "valid">("all");
  const checks = useMemo(
    () => (table && mapping ? checkRows(table, mapping, campaigns, format) : []),
    [table, mapping, campaigns, format],
  );
  const invalid = checks.filter((c) => c.error).length;
  const base = `/o/${slug}/clients/${client.id}`;
  const importing = useImportRows(`${base}/import/rows`);
  const { progress, summary } = importing;

  function load(text: string) {
    const parsed = parseTable(text);
    setTable(parsed.rows.length > 0 ? parsed : null);
    setMapping(guessMapping(parsed.headers));
    setFormat(formatOfFile(parsed.headers, orgFormat));
    importing.reset();
  }

  async function commit(event: FormEvent) {
    if (!table || !mapping) return; // nothing previewed: let the form post to the server
    event.preventDefault();
    await importing.run(
      checks.flatMap((c) => (c.row ? [c.row] : [])),
      invalid,
    );
  }

  const shown = summary ?? serverResult?.summary ?? null;
  const canCommit =
    table && mapping && checks.length > 0 && (mode === "valid" ? checks.length > invalid : invalid === 0);
  return (
    <div className="grid max-w-5xl gap-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">Import weekly numbers into {client.name}</h2>
        <Link to={`${base}/imports`} className="ml-auto text-sm font-medium hover:underline">
          Past imports (undo)
        </Link>
        <Link to={base} className="text-sm font-medium hover:underline">
          Back to the grid
        </Link>
      </div>
      <p className="text-sm text-muted-foreground">
        A CSV file (comma or semicolon separated) or cells pasted from a spreadsheet, with a header row and columns for
        the campaign (name or id), the week (its Monday as YYYY-MM-DD, or an ISO week like 2026-W47), spend and sales. A
        file exported from Celerity imports as it is. Rows whose numbers are already there are left unchanged, so
        importing the same file twice changes nothing.
      </p>
      {shown ? <ImportSummaryCard summary={shown} gridHref={base} /> : null}
      <FormError message={serverResult?.form || undefined} />
      {serverResult?.errors.length ? <ErrorList checks={serverResult.errors} /> : null}
      <Form method="post" encType="multipart/form-data" className="grid gap-4" onSubmit={commit}>
        <Card className="grid gap-4">
          <Field label="CSV file">
            <input
              type="file"
              name="file"
              accept=".csv,text/csv,text/plain"
              onChange={async (e) => e.currentTarget.files?.[0] && load(await e.currentTarget.files[0].text())}
              className="text-sm"
            />
          </Field>
          <Field label="…or paste rows here">
            <textarea
              name="csv"
              rows={6}
              onChange={(e) => load(e.currentTarget.value)}
              className="w-full rounded-md border border-border bg-background p-2 font-mono text-xs"
              placeholder={"campaign\tweek\tspend\tsales\nBrand exact\t2026-11-16\t1200\t5400"}
            />
          </Field>
        </Card>
        {table && mapping ? (
          <Card className="grid gap-4">
            <h3 className="font-semibold">Columns</h3>
            <Field
              label="Numbers in this file are written like"
              hint="Amounts are read in this format; the preview shows what will be stored"
            >
              <Select
                name="numberFormat"
                value={format}
                onChange={(e) => setFormat(e.currentTarget.value as NumberFormat)}
                className="max-w-xs"
              >
                {NUMBER_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </Select>
            </Field>
            <div className="grid gap-3 sm:grid-cols-4">
              {MAPPED_FIELDS.map((field) => (
                <Field key={field} label={field[0]!.toUpperCase() + field.slice(1)}>
                  <Select
                    value={mapping[field]}
                    onChange={(e) => setMapping({ ...mapping, [field]: Number(e.currentTarget.value) })}
                  >
                    <option value={-1}>Choose…</option>
                    {table.headers.map((header, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position in the file
                      <option key={index} value={index}>
                        {header || `Column ${index + 1}`}
                      </option>
                    ))}
                  </Select>
                </Field>
              ))}
            </div>
            <p className="text-sm" role="status">
              {checks.length} rows: <strong className="text-success">{checks.length - invalid} valid</strong>
              {invalid > 0 ? <strong className="text-danger">, {invalid} with errors</strong> : null}.
            </p>
            <Preview checks={checks.slice(0, PREVIEW)} table={table} mapping={mapping} format={orgFormat} />
            {checks.length > PREVIEW ? (
              <p className="text-xs text-muted-foreground">Showing the first {PREVIEW} rows.</p>
            ) : null}
          </Card>
        ) : null}
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">When some rows are not valid</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" value="all" checked={mode === "all"} onChange={() => setMode("all")} />{" "}
            Import only if every row is valid
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="mode"
              value="valid"
              checked={mode === "valid"}
              onChange={() => setMode("valid")}
            />{" "}
            Import the valid rows, skip the others
          </label>
        </fieldset>
        {progress ? (
          <div className="grid gap-1" role="status" aria-live="polite">
            <progress value={progress.done} max={progress.total} className="h-2 w-full" aria-label="Import progress" />
            <span className="text-sm text-muted-foreground">
              {progress.done.toLocaleString()} of {progress.total.toLocaleString()} rows
            </span>
          </div>
        ) : null}
        <div>
          <Button type="submit" disabled={busy || progress !== null || (table !== null && !canCommit)}>
            {progress ? "Importing…" : "Import"}
          </Button>
        </div>
      </Form>
    </div>
  );
}

/** Each row as it will be stored: valid amounts shown as saved (in the org's format), others as written. */
function Preview({
  checks,
  table,
  mapping,
  format,
}: {
  checks: RowCheck[];
  table: Table;
  mapping: Mapping;
  format: NumberFormat;
}) {
  const currency = useCurrency();
  return (
    <div className="max-h-96 overflow-auto rounded-md border border-border">
      <table className="w-full text-left text-xs">
        <thead className="sticky top-0 bg-card">
          <tr>
            {["Line", "Campaign", "Week", "Spend", "Sales", "Status"].map((h) => (
              <th key={h} className="p-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {checks.map((check) => {
            const cells = table.rows[check.line - 2] ?? [];
            return (
              <tr key={check.line} className={check.error ? "bg-danger/5" : undefined}>
                <td className="p-2 tabular-nums">{check.line}</td>
                <td className="p-2">{cells[mapping.campaign]}</td>
                <td className="p-2">{check.row ? formatWeek(check.row.weekStart) : cells[mapping.week]}</td>
                <td className="p-2 tabular-nums">
                  {check.row ? formatMoney(check.row.adSpendCents, format, currency) : cells[mapping.spend]}
                </td>
                <td className="p-2 tabular-nums">
                  {check.row ? formatMoney(check.row.salesCents, format, currency) : cells[mapping.sales]}
                </td>
                <td className={check.error ? "p-2 text-danger" : "p-2 text-success"}>{check.error ?? "valid"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ErrorList({ checks }: { checks: RowCheck[] }) {
  return (
    <ul className="grid gap-1 text-sm text-danger">
      {checks.map((c) => (
        <li key={c.line}>{`Line ${c.line}: ${c.error}`}</li>
      ))}
    </ul>
  );
}

function ImportSummaryCard({ summary, gridHref }: { summary: ImportSummary; gridHref: string }) {
  const { created, updated, unchanged, refused } = summary;
  const counts = `Import finished: ${created} created, ${updated} updated, ${unchanged} unchanged, ${refused} refused.`;
  return (
    <Card role="status" className="grid gap-2 border-success/50">
      <p className="font-medium">{counts}</p>
      {summary.error ? <p className="text-sm text-danger">{summary.error}</p> : null}
      <Link to={gridHref} className="text-sm font-medium text-primary underline">
        See the grid
      </Link>
    </Card>
  );
}
