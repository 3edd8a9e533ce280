import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors } from "./field-errors";

describe("fieldErrors", () => {
  it("keeps a schema's own i18n key and names the field by its path", () => {
    const Form = z.object({ email: z.string().email({ message: "auth.emailInvalid" }) });
    const parsed = Form.safeParse({ email: "nope" });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!)).toEqual({ email: { key: "auth.emailInvalid" } });
  });

  it("gives generic keys with their figures to issues whose message is not a key", () => {
    const Form = z.object({
      customer: z.object({ name: z.string().min(1), patience: z.number().int().max(100) }),
      lines: z.array(z.string()).min(2),
    });
    const parsed = Form.safeParse({ customer: { name: "", patience: 300 }, lines: [] });
    expect(fieldErrors(parsed.error!)).toEqual({
      "customer.name": { key: "forms.required" },
      "customer.patience": { key: "forms.tooBig", vars: { maximum: 100 } },
      lines: { key: "forms.needsItems", vars: { minimum: 2 } },
    });
  });

  it("keeps only the first error of a field, and cuts paths to the depth asked", () => {
    const Form = z.object({ a: z.object({ b: z.string().min(3).regex(/x/) }) });
    const parsed = Form.safeParse({ a: { b: "y" } });
    expect(Object.keys(fieldErrors(parsed.error!))).toEqual(["a.b"]);
    expect(fieldErrors(parsed.error!, { depth: 1 })).toEqual({ a: { key: "forms.tooShort", vars: { minimum: 3 } } });
  });

  it("keeps a custom English message as the detail of forms.invalid, and names unknown fields", () => {
    const Form = z.strictObject({ x: z.string().refine(() => false, { message: "unknown topic \"t\"" }) });
    const parsed = Form.safeParse({ x: "a", y: 1 });
    expect(fieldErrors(parsed.error!)).toEqual({
      x: { key: "forms.invalid", vars: { detail: 'unknown topic "t"' } },
      "": { key: "forms.unknownField", vars: { keys: "y" } },
    });
  });
});
