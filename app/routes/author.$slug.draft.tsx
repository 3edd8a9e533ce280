/** Autosave of the editor's draft (JSON in, JSON out): app/author/page.server.ts draftAction. */
import "../author/messages";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { draftAction, editorPath } from "../author/page.server";

export const action = ({ request, params }: ActionFunctionArgs) => draftAction(request, params.slug);
/** The address opened in a browser: the editor, which shows the draft. */
export const loader = ({ params }: LoaderFunctionArgs) => redirect(editorPath(encodeURIComponent(params.slug ?? "")));
