// How the browser test finds its browser (scripts/chromium.mjs): a variable wins and is never
// passed over silently, then common locations, then PATH.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findChromium } from "./scripts.js";

const dir = mkdtempSync(join(tmpdir(), "chromium-lookup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An executable file standing in for a browser (the lookup only checks that it can be run). */
function fakeBrowser(name: string): string {
  const file = join(dir, name);
  writeFileSync(file, "#!/bin/sh\nexit 0\n");
  chmodSync(file, 0o755);
  return file;
}

describe("findChromium", () => {
  it("takes CHROMIUM_PATH first, over the common locations", () => {
    const browser = fakeBrowser("my-chromium");
    expect(findChromium({ CHROMIUM_PATH: browser, PATH: "" }, ["/usr/bin/chromium"])).toEqual({ path: browser, from: "CHROMIUM_PATH" });
  });

  it("takes CHROME_PATH when CHROMIUM_PATH is unset or empty", () => {
    const browser = fakeBrowser("my-chrome");
    expect(findChromium({ CHROMIUM_PATH: "", CHROME_PATH: browser, PATH: "" }, [])).toEqual({ path: browser, from: "CHROME_PATH" });
  });

  it("names the variable and its value when it points at nothing runnable, instead of looking elsewhere", () => {
    const notExecutable = join(dir, "plain-file");
    writeFileSync(notExecutable, "");
    for (const value of [join(dir, "missing"), notExecutable]) {
      const found = findChromium({ CHROMIUM_PATH: value, PATH: "" }, [fakeBrowser("would-be-found")]);
      expect(found.path).toBeUndefined();
      expect(found.problem).toContain(`CHROMIUM_PATH is set to "${value}"`);
    }
  });

  it("falls back to the common locations, then to PATH", () => {
    const known = fakeBrowser("known-location");
    expect(findChromium({ PATH: "" }, [join(dir, "absent"), known])).toEqual({ path: known, from: "a common location" });
    const onPath = fakeBrowser("chromium-browser");
    expect(findChromium({ PATH: `/nonexistent:${dir}` }, [])).toEqual({ path: onPath, from: "PATH" });
  });

  it("says how to get a browser when there is none", () => {
    const found = findChromium({ PATH: "/nonexistent" }, []);
    expect(found.path).toBeUndefined();
    expect(found.problem).toMatch(/No Chromium found.*apt-get install -y chromium.*CHROMIUM_PATH/s);
  });
});
