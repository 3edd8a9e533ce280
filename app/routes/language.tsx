import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { appOriginOf, getUser, safeRedirectPath } from "../auth.server";
import { localeCookie } from "../locale.server";
import { setUserLocale } from "../org.server";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

const LanguageForm = z.object({
  locale: z.enum(["en", "fr"]),
  redirectTo: z.string().optional(),
});

/** Switch the UI language: remembered on the user when logged in, and in a cookie. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = LanguageForm.safeParse({
    locale: form.get("locale"),
    redirectTo: form.get("redirectTo") ?? undefined,
  });
  if (!parsed.success) {
    throw new Response("locale: must be en or fr", { status: 400 });
  }
  const user = await getUser(request);
  if (user) await setUserLocale(user.id, parsed.data.locale);
  return redirect(safeRedirectPath(parsed.data.redirectTo, appOriginOf(request)) ?? "/", {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
}

export async function loader() {
  throw redirect("/");
}
