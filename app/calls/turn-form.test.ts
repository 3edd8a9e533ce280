import { describe, expect, it } from "vitest";
import { CallForm, checkTurnText } from "./turn-form";

describe("the reply form", () => {
  it("accepts 1 to 2,000 characters after trimming and stores the trimmed words", () => {
    expect(checkTurnText("  Bonjour  ")).toBeNull();
    expect(checkTurnText("x".repeat(2000))).toBeNull();
    const parsed = CallForm.parse({ intent: "say", text: "  Hello there \n", clientToken: "abcdefgh-1234" });
    expect(parsed).toEqual({ intent: "say", text: "Hello there", clientToken: "abcdefgh-1234" });
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
