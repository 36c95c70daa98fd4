// publint (strict: warnings count as errors) on each publishable package as `pnpm pack` would
// publish it. Suggestions are asserted away too: a clean package gets no message at all.
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, it } from "vitest";
import { EXPECTED_PUBLISHABLE, fixtures, publishable } from "./support/workspace.js";
import { join } from "node:path";

async function lint(pkgDir: string): Promise<{ codes: string[]; text: string[] }> {
  const { messages, pkg } = await publint({ pkgDir, strict: true, pack: "pnpm" });
  return {
    codes: messages.map((message) => `${message.type} ${message.code}`),
    text: messages.map((message) => `${message.type}: ${formatMessage(message, pkg) ?? message.code}`),
  };
}

describe("publint --strict", () => {
  it("finds every publishable package", () => {
    expect(publishable.map((p) => p.name).sort()).toEqual(EXPECTED_PUBLISHABLE);
  });

  it.each(publishable)("reports nothing for $name ($dir)", async ({ absoluteDir }) => {
    expect((await lint(absoluteDir)).text).toEqual([]);
  });

  // Proves the check can fail: a package with "types" after "default" in its exports.
  it("reports the mistakes of a deliberately broken package", async () => {
    const { codes } = await lint(join(fixtures, "broken-package"));
    expect(codes).toEqual(expect.arrayContaining(["error EXPORTS_TYPES_SHOULD_BE_FIRST", "error EXPORTS_DEFAULT_SHOULD_BE_LAST"]));
  });
});
