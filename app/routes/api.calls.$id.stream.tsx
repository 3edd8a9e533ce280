/** Server-Sent Events: the pending customer line of a call (see app/calls/stream.server.ts). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { streamCall } from "../calls/stream.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return streamCall(request, params.id);
}
