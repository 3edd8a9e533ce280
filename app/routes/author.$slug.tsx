/** The scenario editor: the draft in sections or as YAML, autosaved, checked, test-played, published. */
import "../author/messages";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { editorAction, loadEditorPage } from "../author/page.server";
import { Editor } from "../author/editor/Editor";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Scenario" }];
export const loader = ({ request, params }: LoaderFunctionArgs) => loadEditorPage(request, params.slug);
export const action = ({ request, params }: ActionFunctionArgs) => editorAction(request, params.slug);

export default function EditScenario() {
  const data = useLoaderData<typeof loader>();
  // A new editor (fresh state) per scenario and per revision loaded from the server.
  return <Editor key={`${data.slug}`} {...data} />;
}
