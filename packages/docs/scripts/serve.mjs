// Serves the built API reference (packages/docs/dist) on 127.0.0.1 with plain node:http.
// PORT picks the port (default 4000; 0 asks the system for a free one). Stops on SIGINT/SIGTERM.
// The pages also work straight from disk (file://); this is for readers who prefer a URL.
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("../dist", import.meta.url)));
const host = "127.0.0.1";

const port = Number(process.env.PORT ?? 4000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve-docs: PORT must be an integer from 0 to 65535, got "${process.env.PORT}".`);
  process.exit(1);
}
if (!existsSync(join(root, "index.html"))) {
  console.error(`serve-docs: no built docs in ${root}. Run \`pnpm build\` in packages/docs first.`);
  process.exit(1);
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

function send(res, status, body, type = "text/plain; charset=utf-8") {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" });
  res.end(body);
}

/** The file under `root` that a request path names, or undefined if it names none. */
async function fileFor(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  let file = resolve(root, `.${decoded}`);
  if (file !== root && !file.startsWith(root + sep)) return undefined; // no way out of dist/
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

const server = createServer(async (req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return send(res, 405, "Method Not Allowed\n");
  }
  const { pathname } = new URL(req.url ?? "/", `http://${host}`);
  const file = await fileFor(pathname);
  if (!file) return send(res, 404, "Not Found\n");
  let body;
  try {
    body = await readFile(file);
  } catch {
    return send(res, 404, "Not Found\n");
  }
  res.writeHead(200, {
    "Content-Type": types[extname(file)] ?? "application/octet-stream",
    "Content-Length": body.length,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
});

server.on("error", (error) => {
  console.error(`serve-docs: cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`API reference at http://${host}:${actual}/ (Ctrl+C to stop)`);
});

// `on`, not `once`: Ctrl+C under `npm run docs` can arrive twice (from the terminal and passed
// on by the wrapper), and a second signal must not kill the process before it has closed.
let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`serve-docs: ${signal}, stopping.`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop);
