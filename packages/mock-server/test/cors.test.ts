// A browser app on another local port can use the mock: its preflight is answered and its
// answers are readable (the headers a browser checks). Pages from anywhere else cannot.
import { describe, expect, it } from "vitest";
import { start, ycmToken } from "./helpers.js";

const preflight = (origin: string, headers = "authorization, user-agent") => ({
  method: "OPTIONS",
  headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": headers },
});

describe("CORS", () => {
  it.each(["http://localhost:5173", "http://127.0.0.1:3000", "http://[::1]:8080", "https://localhost"])(
    "answers the preflight of a page from %s",
    async (origin) => {
      const server = await start();
      const res = await fetch(`${server.url}/dm/open_api/v2/users`, preflight(origin));
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-methods")).toContain("GET");
      expect(res.headers.get("access-control-allow-headers")?.split(/,\s*/)).toEqual(expect.arrayContaining(["authorization", "user-agent", "content-type"]));
    },
  );

  it("lets a local page read a real answer, token request included", async () => {
    const server = await start();
    const origin = "http://localhost:5173";
    const { access_token } = await ycmToken(server);
    const res = await fetch(`${server.url}/dm/open_api/v2/users?pageSize=1`, {
      headers: { origin, authorization: `Bearer ${access_token}`, "user-agent": "OpenAPI" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("vary")).toMatch(/Origin/);
  });

  it.each(["https://evil.example", "http://localhost.evil.example", "null"])("refuses the preflight of %s, naming why", async (origin) => {
    const server = await start();
    const res = await fetch(`${server.url}/dm/open_api/v2/users`, preflight(origin));
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(await res.text()).toContain("from this machine only");
  });

  it("gives a non-local page's request no CORS header (the browser keeps the answer from it)", async () => {
    const server = await start();
    const res = await fetch(`${server.url}/dm/open_api/v2/users`, { headers: { origin: "https://evil.example", "user-agent": "OpenAPI" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("still answers 405 to an OPTIONS that is not a preflight", async () => {
    const server = await start();
    const res = await fetch(`${server.url}/dm/open_api/v2/users`, { method: "OPTIONS", headers: { "user-agent": "OpenAPI" } });
    expect(res.status).toBe(405);
  });
});
