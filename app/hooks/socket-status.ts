/** Where a page's live connection stands; the last three are final (the socket stays closed). */
export type SocketStatus = "connecting" | "live" | "reconnecting" | "offline" | "removed" | "signedOut" | "limited";
