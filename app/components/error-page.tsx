import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { Button } from "./ui/button";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request did not make sense", body: "Check what you entered and try again." },
  401: { title: "Please sign in", body: "You need to be signed in to see this page." },
  403: {
    title: "Not allowed",
    body: "Your role does not give you access to this. Ask an admin of the organization if you need it.",
  },
  404: { title: "Page not found", body: "There is nothing here. The link may be old, or the page may have moved." },
  429: { title: "Slow down a little", body: "Too many requests in a short time. Wait a moment and try again." },
};

const FALLBACK = {
  title: "Something went wrong",
  body: "We could not show this page. Try again in a moment; if it keeps happening, tell us the time it happened.",
};

/** The one error page: a friendly message per status, never a stack trace or internal detail. */
export function ErrorPage() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const { title, body } = MESSAGES[status] ?? FALLBACK;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-start justify-center gap-4 px-6 py-16">
      <p className="text-sm font-semibold text-primary">{status}</p>
      <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
      <p className="text-muted-foreground">{body}</p>
      <Button asChild variant="outline">
        <Link to="/">Back to the start</Link>
      </Button>
    </main>
  );
}
