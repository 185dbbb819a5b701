// React publishes its Node renderer as `react-dom/server.node`; @types/react-dom types it under
// `react-dom/server` only.
declare module "react-dom/server.node" {
  export { renderToPipeableStream } from "react-dom/server";
}
