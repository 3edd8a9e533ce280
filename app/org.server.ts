/**
 * The user's own settings. (The read models live in app/progress/, the administration in
 * app/admin/.)
 */
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { getDb } from "./db.server";

export async function setUserLocale(userId: string, locale: "en" | "fr" | null) {
  await getDb().update(users).set({ locale }).where(eq(users.id, userId));
}
