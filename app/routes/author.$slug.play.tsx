/** Test-play of a draft (JSON in, JSON out), nothing recorded: app/author/page.server.ts playAction. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { playAction } from "../author/page.server";

export const action = ({ request, params }: ActionFunctionArgs) => playAction(request, params.slug);
export const loader = () => {
  throw new Response("Not Found", { status: 404 });
};
