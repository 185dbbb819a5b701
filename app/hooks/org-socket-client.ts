/**
 * The socket itself, loaded after the page has hydrated (use-org-socket.ts imports it lazily):
 * partysocket and the message parser are not needed for a page to show and accept edits, so they
 * stay out of its first load.
 */
import { PartySocket } from "partysocket";
import { type ClientMessage, type OrgEvent, parseServerMessage, SOCKET_CLOSE, type Viewer } from "../../core/protocol";
import { SERVER_REACHED_EVENT } from "../../core/offline";
import { reportOpenAlerts } from "~/lib/open-alerts";
import type { SocketStatus } from "./socket-status";

/** Closes that reconnecting cannot mend: the page says why and the socket stays closed. */
const FINAL: Record<number, SocketStatus> = {
  [SOCKET_CLOSE.removed]: "removed",
  [SOCKET_CLOSE.signedOut]: "signedOut",
  [SOCKET_CLOSE.limited]: "limited",
};

export type OrgSocketCallbacks = {
  seq: () => number;
  setSeq: (seq: number) => void;
  cell: () => string | null;
  onStatus: (status: SocketStatus) => void;
  onEvent: (event: OrgEvent) => void;
  onReload: () => void;
  onViewers: (viewers: Viewer[]) => void;
};

export function openOrgSocket(orgId: string, clientId: string | null, on: OrgSocketCallbacks) {
  let everConnected = false;
  const socket = new PartySocket({
    host: window.location.host,
    protocol: window.location.protocol === "https:" ? "wss" : "ws",
    party: "org-hub",
    room: orgId,
    // Called again at every reconnect: resume from the last event applied.
    query: () => ({ since: String(on.seq()) }),
    maxReconnectionDelay: 5000,
  });
  const send = (message: ClientMessage) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  socket.addEventListener("open", () => {
    everConnected = true;
    if (clientId) send({ t: "presence", clientId, cell: on.cell() });
  });
  socket.addEventListener("message", (raw) => {
    const message = parseServerMessage(String(raw.data));
    if (!message) return;
    switch (message.t) {
      case "synced":
        window.dispatchEvent(new Event(SERVER_REACHED_EVENT));
        on.setSeq(Math.max(on.seq(), message.seq));
        on.onStatus("live");
        break;
      case "event":
        if (message.event.seq <= on.seq()) return; // already applied
        on.setSeq(message.event.seq);
        on.onEvent(message.event);
        break;
      case "reload":
        window.dispatchEvent(new Event(SERVER_REACHED_EVENT));
        on.setSeq(message.seq);
        on.onReload();
        on.onStatus("live");
        break;
      case "presence":
        if (message.clientId === clientId) on.onViewers(message.viewers);
        break;
      case "alerts":
        reportOpenAlerts(orgId, message.open);
        break;
    }
  });
  socket.addEventListener("close", (event) => {
    const final = FINAL[event.code];
    if (final) {
      socket.close();
      on.onStatus(final);
      return;
    }
    on.onStatus(navigator.onLine ? (everConnected ? "reconnecting" : "connecting") : "offline");
  });
  const offline = () => on.onStatus("offline");
  const online = () => socket.reconnect();
  window.addEventListener("offline", offline);
  window.addEventListener("online", online);

  return {
    setCell: (cell: string | null) => clientId && send({ t: "presence", clientId, cell }),
    close: () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      socket.close();
    },
  };
}
