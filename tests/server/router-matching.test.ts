/**
 * The server bundle's route matching done once (decision 284): the build patches @remix-run/router's
 * `matchRoutes` to keep each routes array's ranked branches and each compiled path. The installed
 * version must still have the two places the patch replaces (else the build would only warn), and the
 * patched module must match exactly as the original does — the app's own route tree, every page's URL
 * shape, twice in a row (the second from the kept branches).
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { routerMatchingOnce } from "../../app/server/build.mjs";

const require = createRequire(import.meta.url);
const path = require.resolve("@remix-run/router");

type Router = typeof import("@remix-run/router");

function load(source: string): Router {
  const module = { exports: {} as Router };
  new Function("module", "exports", "require", source)(module, module.exports, require);
  return module.exports;
}

const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "routes/_index", index: true },
      { id: "routes/calls.$id", path: "calls/:id" },
      { id: "routes/calls.$id_.report", path: "calls/:id/report" },
      { id: "routes/api.calls.$id.stream", path: "api/calls/:id/stream" },
      { id: "routes/train._index", path: "train", index: true },
      { id: "routes/train.$slug", path: "train/:slug" },
      { id: "routes/train.history", path: "train/history" },
      { id: "routes/team._index", path: "team", index: true },
      { id: "routes/team.export.attempts[.csv]", path: "team/export/attempts.csv" },
      { id: "routes/team.people.$id", path: "team/people/:id" },
      { id: "routes/team.tracks.$id_.edit", path: "team/tracks/:id/edit" },
      { id: "routes/author.$slug", path: "author/:slug", children: [{ id: "routes/author.$slug.play", path: "play" }] },
      { id: "routes/Case", path: "Case", caseSensitive: true },
      { id: "routes/$", path: "*" },
    ],
  },
];

const urls = [
  "/",
  "/calls/6f1c1c43-8a36-4b0e-9a52-2f1c7a0c9d11",
  "/calls/6f1c1c43-8a36-4b0e-9a52-2f1c7a0c9d11/report",
  "/calls/6f1c1c43-8a36-4b0e-9a52-2f1c7a0c9d11/",
  "/api/calls/x/stream",
  "/train",
  "/train/history",
  "/train/lost-cap",
  "/TRAIN/Lost-Cap",
  "/team/export/attempts.csv",
  "/team/people/42",
  "/team/tracks/7/edit",
  "/author/lost-cap/play",
  "/Case",
  "/case",
  "/nowhere/at/all",
  "/caf%C3%A9",
];

describe("route matching done once (decision 284)", () => {
  const original = readFileSync(path, "utf8");
  const patched = routerMatchingOnce(path);

  it("finds both places it replaces in the installed @remix-run/router", () => {
    expect(patched.warnings ?? []).toEqual([]);
    expect(patched.contents).not.toBe(original);
    expect(patched.contents).toContain("rankedBranchesOf(routes)");
  });

  it("matches every URL as the original does, again from the kept branches", () => {
    const before = load(original);
    const after = load(patched.contents);
    const shape = (m: ReturnType<Router["matchRoutes"]>) =>
      m?.map((x) => ({ id: (x.route as { id: string }).id, params: x.params, pathname: x.pathname, pathnameBase: x.pathnameBase })) ?? null;
    for (let round = 0; round < 2; round++)
      for (const url of urls) {
        expect(shape(after.matchRoutes(routes, url)), url).toEqual(shape(before.matchRoutes(routes, url)));
        expect(after.matchPath({ path: "/calls/:id", end: false }, url), url).toEqual(before.matchPath({ path: "/calls/:id", end: false }, url));
      }
  });
});
