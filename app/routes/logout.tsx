import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logOut } from "../auth.server";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function action({ request }: ActionFunctionArgs) {
  return logOut(request);
}

export async function loader() {
  throw redirect("/");
}
