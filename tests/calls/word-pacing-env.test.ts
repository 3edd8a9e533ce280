/** SCRIPTED_WORD_DELAY_MS (decision 115): the scripted customer's word pacing, a validated switch. */
import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "../../app/env.server";

describe("the scripted customer's word pacing in the environment", () => {
  it("paces the words 35 ms apart when the variable is not set, as before", () => {
    expect(parseEnv({}).SCRIPTED_WORD_DELAY_MS).toBe(35);
  });

  it("accepts 0 to turn the pacing off, and any whole number of milliseconds up to 2000", () => {
    expect(parseEnv({ SCRIPTED_WORD_DELAY_MS: "0" }).SCRIPTED_WORD_DELAY_MS).toBe(0);
    expect(parseEnv({ SCRIPTED_WORD_DELAY_MS: " 120 " }).SCRIPTED_WORD_DELAY_MS).toBe(120);
  });

  it.each(["-5", "1.5", "fast", "5000"])("refuses %s at start-up, naming the variable", (value) => {
    try {
      parseEnv({ SCRIPTED_WORD_DELAY_MS: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      expect((error as InvalidEnvironmentError).problems.join("\n")).toMatch(/^SCRIPTED_WORD_DELAY_MS: /m);
    }
  });
});
