import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { areasFor, getUser } from "./auth.server";
import { getUserWithCall } from "./calls/attempts.server";
import { isStreamedTurn } from "./calls/turn-revalidation";
import { Layout, type LayoutUser } from "./components/Layout";
import { useNonce } from "./components/nonce";
import { ErrorPanel } from "./components/RouteErrorBoundary";
import { t } from "./i18n";
import { useLocale } from "./i18n/react";
import { resolveLocale } from "./locale.server";
import stylesheet from "./tailwind.css";

/** The call's page (app/routes/calls.$id.tsx), whose loader reads the call with its player. */
const CALL_PAGE = /^\/calls\/([^/]+)\/?$/;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ request }: LoaderFunctionArgs) {
  // On a call's page, the user is read with the call, which the call's loader then takes (decision 260).
  const onCall = CALL_PAGE.exec(new URL(request.url).pathname);
  const user = await (onCall ? getUserWithCall(request, onCall[1]) : getUser(request));
  const locale = user?.locale ?? (await resolveLocale(request));
  const layoutUser: LayoutUser | null = user
    ? { name: user.name, role: user.role, org: { name: user.org.name }, areas: areasFor(user) }
    : null;
  return { locale, user: layoutUser, appName: t(locale, "common.appName") };
}

/** A trainee's streamed turn on a call changes nothing the layout shows (decision 160). */
export const shouldRevalidate: ShouldRevalidateFunction = (args) =>
  isStreamedTurn(args) ? false : args.defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.appName ?? "Moment of Truth" },
];

export function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const locale = useLocale();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document>
      <Layout user={data?.user ?? null}>
        <Outlet />
      </Layout>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <Document>
      <Layout user={data?.user ?? null}>
        <ErrorPanel status={isRouteErrorResponse(error) ? error.status : null} />
      </Layout>
    </Document>
  );
}
