/** A published version as a YAML file (`?version=n`). */
import "../author/messages";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportLoader } from "../author/page.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => exportLoader(request, params.slug);
