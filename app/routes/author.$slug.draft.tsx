/** Autosave of the editor's draft (JSON in, JSON out): app/author/page.server.ts draftAction. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { draftAction } from "../author/page.server";

export const action = ({ request, params }: ActionFunctionArgs) => draftAction(request, params.slug);
export const loader = () => {
  throw new Response("Not Found", { status: 404 });
};
