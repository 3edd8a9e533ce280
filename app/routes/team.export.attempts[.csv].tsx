/** /team/export/attempts.csv — every call of the organisation with its scores, streamed. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCsv } from "../certification/pages.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return exportCsv(request, "attempts");
}
