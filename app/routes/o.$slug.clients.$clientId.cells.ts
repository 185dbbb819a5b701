import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { issueList } from "../../core/control-forms";
import { cellSaves } from "../../core/tracker-forms";
import { commitAsMember, requireClientHub } from "~/server/tracker.server";
import type { Mutation } from "../../core/mutations";
import type { RouteHandle } from "../../core/permissions";

export const handle = { access: { action: "tracker.edit" } } satisfies RouteHandle;

const refuse = (status: number, message: string, issues?: { path: string; message: string }[]) =>
  Response.json({ ok: false, error: { code: "invalid", message, ...(issues ? { issues } : {}) } }, { status });

/**
 * POST JSON `{ mutationId, cells }`: the grid's saves (a typed cell or a pasted block), amounts as
 * typed in the org's number format; both amounts null clears a cell. One transaction; answers
 * the object's result as JSON, which the grid's save queue reads (ADR 013).
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  // A viewer, or another org's client in the URL, learns nothing from how a body is judged.
  const { org } = await requireClientHub(request, context, params, handle.access.action);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return refuse(400, "The body must be JSON");
  }
  const parsed = cellSaves(org.numberFormat).safeParse(body);
  if (!parsed.success) return refuse(422, "Some values are not valid", issueList(parsed.error));
  const mutations: Mutation[] = [];
  for (const [index, cell] of parsed.data.cells.entries()) {
    const { campaignId, weekStart, adSpend, sales, version } = cell;
    if (adSpend !== null && sales !== null) {
      mutations.push({ kind: "metric.save", campaignId, weekStart, adSpendCents: adSpend, salesCents: sales, version });
    } else if (adSpend === null && sales === null && version) {
      mutations.push({ kind: "metric.delete", campaignId, weekStart, version });
    } else {
      const path = `cells.${index}.${adSpend === null ? "adSpend" : "sales"}`;
      return refuse(422, "Some values are not valid", [
        {
          path,
          message:
            version || adSpend !== null || sales !== null
              ? "Enter both spend and sales, or clear both to remove the week"
              : "This week is already empty",
        },
      ]);
    }
  }
  const { result, status } = await commitAsMember(request, context, params.slug, mutations, parsed.data.mutationId);
  return Response.json(result, { status });
}
