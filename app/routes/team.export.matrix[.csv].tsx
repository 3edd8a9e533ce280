/** /team/export/matrix.csv — the certification matrix (filters of the dashboard applied). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCsv } from "../certification/pages.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return exportCsv(request, "matrix");
}
