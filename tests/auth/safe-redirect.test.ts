/** The one check for every "go back to" address (issue 10, items 2 and 8). */
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "../../app/auth.server";

const ORIGIN = "http://localhost:3000";

describe("safeRedirectPath", () => {
  it("keeps a path of this app, with its query and fragment", () => {
    expect(safeRedirectPath("/team", ORIGIN)).toBe("/team");
    expect(safeRedirectPath("/train/lost-cap?x=1#top", ORIGIN)).toBe("/train/lost-cap?x=1#top");
    expect(safeRedirectPath("/calls/abc/report", ORIGIN)).toBe("/calls/abc/report");
  });

  it("refuses every address that a browser could take to another host", () => {
    for (const to of [
      "//evil.example/steal",
      "/\t/127.0.0.1:8099/phish",
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "/..//evil.example",
      "/./\\evil.example",
      "https://evil.example/",
      "http://localhost:3000.evil.example/",
      "javascript:alert(1)",
      " /team",
      "team",
      "",
    ]) {
      const safe = safeRedirectPath(to, ORIGIN);
      if (safe !== null) {
        expect(new URL(safe, ORIGIN).origin, JSON.stringify(to)).toBe(ORIGIN);
        expect(safe.startsWith("//"), JSON.stringify(to)).toBe(false);
      }
      expect(safe, JSON.stringify(to)).toBeNull();
    }
  });

  it("refuses any control character, CR and LF included, so a Location header never breaks", () => {
    for (const c of ["\t", "\r", "\n", "\r\n", "\0", "\x0b", "\x1b", "\x7f", "\u0085"]) {
      expect(safeRedirectPath(`/team${c}Set-Cookie: x=1`, ORIGIN)).toBeNull();
      expect(safeRedirectPath(`/${c}/evil.example`, ORIGIN)).toBeNull();
    }
  });

  it("returns a value that is always a valid header value (non-ASCII is percent-encoded)", () => {
    const safe = safeRedirectPath("/train/café?q=été", ORIGIN);
    expect(safe).toBe("/train/caf%C3%A9?q=%C3%A9t%C3%A9");
    expect(() => new Headers({ Location: safe! })).not.toThrow();
  });

  it("never sends back to the login or logout page", () => {
    expect(safeRedirectPath("/login", ORIGIN)).toBeNull();
    expect(safeRedirectPath("/login?redirectTo=%2F%2Fevil", ORIGIN)).toBeNull();
    expect(safeRedirectPath("/logout", ORIGIN)).toBeNull();
    expect(safeRedirectPath("/loginhelp", ORIGIN)).toBe("/loginhelp");
  });

  it("refuses values that are not text or are absurdly long", () => {
    expect(safeRedirectPath(null, ORIGIN)).toBeNull();
    expect(safeRedirectPath(undefined, ORIGIN)).toBeNull();
    expect(safeRedirectPath(`/${"a".repeat(5000)}`, ORIGIN)).toBeNull();
  });
});
