/** Test-play of a draft (JSON in, JSON out), nothing recorded: app/author/page.server.ts playAction. */
import "../author/messages";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { editorPath, playAction } from "../author/page.server";

export const action = ({ request, params }: ActionFunctionArgs) => playAction(request, params.slug);
/** The address opened in a browser (a bookmark, a typed URL): the editor, where the test-play panel is. */
export const loader = ({ params }: LoaderFunctionArgs) => redirect(editorPath(encodeURIComponent(params.slug ?? "")));
