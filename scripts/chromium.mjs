// How every browser here is launched: Debian's Chromium (never a downloaded browser), headless,
// quiet. Shared by the Playwright tests and the slow-network benchmark.
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
