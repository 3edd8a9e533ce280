/** Any unknown address: a 404 inside the layout. */
export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader() {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
