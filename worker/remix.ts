import { createRequestHandler } from "@remix-run/cloudflare";
import * as build from "virtual:remix-build";

/** Created once per isolate, not per request. */
export const handleRemixRequest = createRequestHandler(build);
