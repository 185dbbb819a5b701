/**
 * The org's live socket in a page: resumes from the last seq it saw after any drop (so nothing
 * is missed or doubled) and reports its state for the live / reconnecting / offline indicator.
 * The socket code loads after hydration (org-socket-client.ts), outside the page's first load.
 */
import { useEffect, useRef, useState } from "react";
import type { SocketStatus } from "./socket-status";
import type { OrgEvent, Viewer } from "../../core/protocol";

type Options = {
  orgId: string;
  /** The seq the page's data is current as of. */
  since: number;
  /** The client page this socket is on (for presence), if any. */
  clientId?: string | null;
  onEvent: (event: OrgEvent) => void;
  /** The gap was too old to replay: reload the page's data. */
  onReload: () => void;
};

export function useOrgSocket({ orgId, since, clientId = null, onEvent, onReload }: Options) {
  const [status, setStatus] = useState<SocketStatus>("connecting");
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const seqRef = useRef(since);
  const cellRef = useRef<string | null>(null);
  const socketRef = useRef<{ setCell: (cell: string | null) => void; close: () => void } | null>(null);
  const handlers = useRef({ onEvent, onReload });
  handlers.current = { onEvent, onReload };

  // New page data (a reload) moves the resume point forward.
  useEffect(() => {
    seqRef.current = Math.max(seqRef.current, since);
  }, [since]);

  useEffect(() => {
    let cancelled = false;
    void import("./org-socket-client").then(({ openOrgSocket }) => {
      if (cancelled) return;
      socketRef.current = openOrgSocket(orgId, clientId, {
        seq: () => seqRef.current,
        setSeq: (seq) => {
          seqRef.current = seq;
        },
        cell: () => cellRef.current,
        onStatus: setStatus,
        onEvent: (event) => handlers.current.onEvent(event),
        onReload: () => handlers.current.onReload(),
        onViewers: setViewers,
      });
    });
    return () => {
      cancelled = true;
      socketRef.current?.close();
      socketRef.current = null;
    };
  }, [orgId, clientId]);

  /** Tells teammates which cell this page is editing (null: none). */
  const setEditingCell = (cell: string | null) => {
    cellRef.current = cell;
    socketRef.current?.setCell(cell);
  };

  return { status, viewers, setEditingCell };
}
