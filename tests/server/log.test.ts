/** What the server prints about an error never carries a trainee's words (app/server/log.ts). */
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { describeError } from "../../app/server/log";

describe("describing an error for the log", () => {
  it("keeps the failed statement, the driver's message and code, and the stack, but not the parameters", () => {
    const driver = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
    const error = new DrizzleQueryError(
      'insert into "turns" ("attempt_id", "seq", "text") values ($1, $2, $3)',
      ["0b7c…", 3, "my secret words, hello\u0000world"],
      driver,
    );
    const line = describeError(error);
    expect(line).toContain('Failed query: insert into "turns"');
    expect(line).toContain("[parameters not logged]");
    expect(line).toContain('caused by Error: invalid byte sequence for encoding "UTF8": 0x00 (code 22021)');
    expect(line).toMatch(/^\s+at /m);
    expect(line).not.toContain("secret words");
    expect(line).not.toContain("hello");
  });

  it("is one line without frames when asked, and survives what is not an Error", () => {
    expect(describeError(new TypeError("bad"), { frames: false })).toBe("TypeError: bad");
    expect(describeError("a string")).toBe("non-error thrown (string)");
  });
});
