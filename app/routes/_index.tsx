import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser, homeFor } from "../auth.server";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  throw redirect(user ? homeFor(user.role) : "/login");
}
