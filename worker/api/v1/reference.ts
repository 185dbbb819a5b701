/** The human-readable API reference: the generated OpenAPI document, laid out as one page. */
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
} from "openapi3-ts/oas31";
import { html, raw } from "hono/html";

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2333}
h2{margin-top:2.5rem;border-top:1px solid #ddd;padding-top:1rem}
code,pre{font:13px ui-monospace,monospace;background:#f4f4f7;border-radius:4px}
code{padding:1px 4px}pre{padding:.75rem;overflow:auto}.m{display:inline-block;min-width:4.5rem;font-weight:700}
@media (prefers-color-scheme:dark){
  body{background:#15161c;color:#e8e8ee}code,pre{background:#23242c}h2{border-color:#333}
}`;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export function renderReference(doc: OpenAPIObject) {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method] as OperationObject | undefined;
      if (!op) return [];
      return [
        {
          path,
          method,
          op: {
            summary: op.summary,
            description: op.description,
            parameters: (op.parameters ?? []) as ParameterObject[],
            requestBody: op.requestBody as RequestBodyObject | undefined,
            responses: op.responses as Record<string, ResponseObject>,
          },
        },
      ];
    }),
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${doc.info.title} reference</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <h1>${doc.info.title}</h1>
        <p>${doc.info.description ?? ""}</p>
        <p>
          Send <code>Authorization: Bearer &lt;token&gt;</code> with an org API token (admins create them under the
          organization's settings). Ids are strings; money is a decimal number. Errors are
          <code>{ "error": { "code", "message", "issues"?: [{ "path", "message" }] } }</code>. The machine-readable
          document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Change events: a WebSocket at
          <code>/api/v1/events?since=&lt;seq&gt;</code>.
        </p>
        ${operations.map(({ path, method, op }) => {
          const parameters = op.parameters.map((p) => html`<code>${p.name}</code> (${p.in}) `);
          const body = op.requestBody?.content["application/json"]?.schema;
          const responses = Object.entries(op.responses).map(
            ([status, r]) => html`<code>${status}</code> ${r.description}; `,
          );
          return html`<section>
            <h2><span class="m">${method.toUpperCase()}</span> <code>/api/v1${path}</code></h2>
            <p>${op.summary ?? ""}${op.description ? html` — ${op.description}` : ""}</p>
            ${parameters.length ? html`<p>Parameters: ${parameters}</p>` : ""}
            ${body ? html`<p>Body:</p><pre>${JSON.stringify(body, null, 2)}</pre>` : ""}
            <p>Responses: ${responses}</p>
          </section>`;
        })}
        <h2>Schemas</h2>
        <pre>${JSON.stringify(doc.components?.schemas ?? {}, null, 2)}</pre>
      </body>
    </html>`;
}
