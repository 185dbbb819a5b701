/**
 * A mail as its recipient sees it: the HTML part in a sandboxed frame (no script, no access to
 * this page), and the plain-text part under it.
 */
export function MailFrame({ subject, html }: { subject: string; html: string }) {
  return (
    <iframe
      title={`The mail "${subject}" as HTML`}
      srcDoc={html}
      sandbox=""
      className="h-[32rem] w-full rounded-md border border-border bg-white"
    />
  );
}

export function MailPreview({ subject, html, text }: { subject: string; html: string; text: string }) {
  return (
    <div className="grid gap-3">
      <MailFrame subject={subject} html={html} />
      <details>
        <summary className="cursor-pointer text-sm font-medium">Plain-text part</summary>
        <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{text}</pre>
      </details>
    </div>
  );
}
