import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { OFFLINE_COPY_ATTRIBUTE, SERVER_REACHED_EVENT } from "../../core/offline";

/** How often a page opened from the device checks whether the server can be reached again. */
const PROBE_MS = 10_000;

/**
 * While the browser is offline, or the page is a copy the service worker served from the device:
 * says so, and how old the numbers are (when the page's data was read on the server). A copy
 * checks for the server now and then (and when the browser or the org's socket says it is back)
 * and, once it answers, reads fresh data in place.
 */
export function OfflineNotice({ dataAt }: { dataAt: number }) {
  const [offline, setOffline] = useState(false);
  const [copy, setCopy] = useState(false);
  const revalidator = useRevalidator();

  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    update();
    setCopy(document.documentElement.hasAttribute(OFFLINE_COPY_ATTRIBUTE));
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the revalidator changes with its state
  useEffect(() => {
    if (!copy) return;
    const probe = async () => {
      const reached = await fetch("/api/health", { cache: "no-store" }).then(
        (response) => response.ok,
        () => false,
      );
      if (!reached) return;
      document.documentElement.removeAttribute(OFFLINE_COPY_ATTRIBUTE);
      setCopy(false);
      revalidator.revalidate();
    };
    const timer = setInterval(probe, PROBE_MS);
    window.addEventListener("online", probe);
    window.addEventListener(SERVER_REACHED_EVENT, probe);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", probe);
      window.removeEventListener(SERVER_REACHED_EVENT, probe);
    };
  }, [copy]);

  if (!offline && !copy) return null;
  const at = new Date(dataAt);
  return (
    <div role="status" className="border-b border-warning/60 bg-warning/15 px-4 py-2 text-center text-sm">
      <strong>You are offline.</strong> The numbers here are as of{" "}
      <time dateTime={at.toISOString()}>
        {at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
      </time>
      . Changes you make are kept on this device and sent when you are back online.
    </div>
  );
}
