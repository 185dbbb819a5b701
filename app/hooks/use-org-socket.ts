/**
 * The org's live socket in the browser: connects through partysocket, resumes from the last seq
 * it saw after any drop (so nothing is missed or doubled), and reports its state for the
 * live / reconnecting / offline indicator.
 */
import { PartySocket } from "partysocket";
import { useEffect, useRef, useState } from "react";
import { type ClientMessage, type OrgEvent, parseServerMessage, type Viewer } from "../../party/protocol";

export type SocketStatus = "connecting" | "live" | "reconnecting" | "offline" | "removed";

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

/** Close code the object uses when the member was removed (see party/org-hub.ts). */
const REMOVED = 4403;

export function useOrgSocket({ orgId, since, clientId = null, onEvent, onReload }: Options) {
  const [status, setStatus] = useState<SocketStatus>("connecting");
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const socketRef = useRef<PartySocket | null>(null);
  const seqRef = useRef(since);
  const cellRef = useRef<string | null>(null);
  const handlers = useRef({ onEvent, onReload });
  handlers.current = { onEvent, onReload };

  // New page data (a reload) moves the resume point forward.
  useEffect(() => {
    seqRef.current = Math.max(seqRef.current, since);
  }, [since]);

  useEffect(() => {
    let everConnected = false;
    const socket = new PartySocket({
      host: window.location.host,
      protocol: window.location.protocol === "https:" ? "wss" : "ws",
      party: "org-hub",
      room: orgId,
      // Called again at every reconnect: resume from the last event applied.
      query: () => ({ since: String(seqRef.current) }),
      maxReconnectionDelay: 5000,
    });
    socketRef.current = socket;
    const send = (message: ClientMessage) => socket.send(JSON.stringify(message));

    socket.addEventListener("open", () => {
      everConnected = true;
      if (clientId) send({ t: "presence", clientId, cell: cellRef.current });
    });
    socket.addEventListener("message", (raw) => {
      const message = parseServerMessage(String(raw.data));
      if (!message) return;
      switch (message.t) {
        case "synced":
          seqRef.current = Math.max(seqRef.current, message.seq);
          setStatus("live");
          break;
        case "event":
          if (message.event.seq <= seqRef.current) return; // already applied
          seqRef.current = message.event.seq;
          handlers.current.onEvent(message.event);
          break;
        case "reload":
          seqRef.current = message.seq;
          handlers.current.onReload();
          setStatus("live");
          break;
        case "presence":
          if (message.clientId === clientId) setViewers(message.viewers.filter((v) => v.id !== socket.id));
          break;
      }
    });
    socket.addEventListener("close", (event) => {
      if (event.code === REMOVED) {
        socket.close();
        setStatus("removed");
        return;
      }
      setStatus(navigator.onLine ? (everConnected ? "reconnecting" : "connecting") : "offline");
    });
    const offline = () => setStatus("offline");
    const online = () => socket.reconnect();
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      socket.close();
      socketRef.current = null;
    };
  }, [orgId, clientId]);

  /** Tells teammates which cell this page is editing (null: none). */
  const setEditingCell = (cell: string | null) => {
    cellRef.current = cell;
    const socket = socketRef.current;
    if (socket && socket.readyState === WebSocket.OPEN && clientId) {
      socket.send(JSON.stringify({ t: "presence", clientId, cell } satisfies ClientMessage));
    }
  };

  return { status, viewers, setEditingCell };
}
