import { useRevalidator } from "@remix-run/react";
import { useRef } from "react";
import { useOrgSocket } from "~/hooks/use-org-socket";

/**
 * For pages that show numbers computed from many rows (the dashboard, a POC): any teammate's
 * change in the org refreshes the page's data, at most twice a second. Returns the socket, for
 * its live status.
 */
export function useRevalidateOnChange(orgId: string, seq: number) {
  const revalidator = useRevalidator();
  const pending = useRef<ReturnType<typeof setTimeout>>();
  return useOrgSocket({
    orgId,
    since: seq,
    onEvent: () => {
      clearTimeout(pending.current);
      pending.current = setTimeout(() => revalidator.revalidate(), 500);
    },
    onReload: () => revalidator.revalidate(),
  });
}
