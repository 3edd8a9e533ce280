import { describe, expect, it } from "vitest";
import { CallForm, checkTurnText } from "./turn-form";

describe("the reply form", () => {
  it("accepts 1 to 2,000 characters after trimming and stores the trimmed words", () => {
    expect(checkTurnText("  Bonjour  ")).toBeNull();
    expect(checkTurnText("x".repeat(2000))).toBeNull();
    const parsed = CallForm.parse({ intent: "say", text: "  Hello there \n", clientToken: "abcdefgh-1234" });
    expect(parsed).toEqual({ intent: "say", text: "Hello there", clientToken: "abcdefgh-1234" });
  });

  it("removes control characters a keyboard cannot type (NUL would make the database refuse the turn) and keeps line breaks", () => {
    const parsed = CallForm.parse({ intent: "say", text: "hello\u0000world\u0007\r\nsecond\tline\u009b", clientToken: "abcdefgh-1234" });
    expect(parsed).toMatchObject({ text: "helloworld\nsecond\tline" });
    expect(checkTurnText("hello\u0000world")).toBeNull();
    expect(checkTurnText("\u0000\u0001 \u001f")).toBe("call.errorEmpty");
    expect(CallForm.safeParse({ intent: "say", text: "\u0000", clientToken: "abcdefgh-1234" }).error?.issues[0]?.message).toBe("call.errorEmpty");
  });

  it("counts the length after cleaning, in the browser's check as on the server", () => {
    const padded = `${"x".repeat(2000)}${"\u0000".repeat(10)}`;
    expect(checkTurnText(padded)).toBeNull();
    expect(CallForm.safeParse({ intent: "say", text: padded, clientToken: "abcdefgh-1234" }).success).toBe(true);
  });

  it("names the problem of an empty or too long reply", () => {
    expect(checkTurnText("   \n ")).toBe("call.errorEmpty");
    expect(checkTurnText("x".repeat(2001))).toBe("call.errorTooLong");
  });

  it("refuses a reply without a valid form token, and an unknown action", () => {
    const noToken = CallForm.safeParse({ intent: "say", text: "Hi" });
    expect(noToken.success).toBe(false);
    expect(noToken.error?.issues[0]?.message).toBe("call.errorStale");
    const badToken = CallForm.safeParse({ intent: "say", text: "Hi", clientToken: "<script>" });
    expect(badToken.error?.issues[0]?.message).toBe("call.errorStale");
    expect(CallForm.safeParse({ intent: "dance" }).success).toBe(false);
    expect(CallForm.parse({ intent: "end" })).toEqual({ intent: "end" });
    expect(CallForm.parse({ intent: "answer", mode: "stream" })).toEqual({ intent: "answer", mode: "stream" });
  });
});
