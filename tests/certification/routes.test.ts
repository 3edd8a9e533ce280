/**
 * Who may do what with certification, through the built server (issue 12): trainees see only
 * their own assignments and certificates; trainers, managers and admins of the organisation
 * define tracks, read people and export; nobody reaches another organisation's track, person,
 * certificate or call; a trainee cannot start a certification call on a track not assigned to
 * them; a review on one's own call is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certifications, scenarios, trackVersions } from "../../db/schema";
import { eq, isNull } from "drizzle-orm";
import { setDatabaseHandle } from "../../app/db.server";
import { assignTrack, createTrack } from "../../app/certification/tracks.server";
import { get, login, postForm } from "../helpers";
import { createWorld, playAndStore, playLines, type World } from "../report/fixtures";
import { serveFilledDatabase, textOf, type PreparedServer } from "../report/support";

interface Data {
  world: World;
  trackId: string;
  certId: string;
  otherCertId: string;
  traineeCall: string;
  otherOrgCall: string;
}

describe("certification permissions across roles and organisations", () => {
  let prepared: PreparedServer & { data: Data };
  const cookies: Record<string, string> = {};
  let base = "";

  beforeAll(async () => {
    prepared = await serveFilledDatabase("pglite", async (db): Promise<Data> => {
      setDatabaseHandle({ db, driver: "pglite", close: async () => {} });
      const world = await createWorld(db);
      const scenarioIds = (await db.select({ id: scenarios.id }).from(scenarios).where(isNull(scenarios.orgId))).map((x) => x.id);
      const manager = { id: world.users.manager, orgId: world.demoOrgId };
      const { id: trackId } = await createTrack(manager, {
        name: { en: "Front desk", fr: "Accueil" },
        description: { en: "", fr: "" },
        scenarios: scenarioIds.map((id) => ({ scenarioId: id, versionId: null, passMark: 70, minimums: { empathy: 0, resolution: 0, anticipation: 0 } })),
        attemptsAllowed: 2,
        cooldownHours: 0,
        language: null,
        hideCoaching: true,
        validityMonths: 12,
        recertifyDays: 30,
      });
      await assignTrack(manager, { trackId, userIds: [world.users.trainee, world.users.trainee2], roles: [], dueAt: null });
      const [v] = await db.select({ id: trackVersions.id }).from(trackVersions).where(eq(trackVersions.trackId, trackId));
      const [cert] = await db
        .insert(certifications)
        .values({ userId: world.users.trainee, trackId, orgId: world.demoOrgId, trackVersionId: v!.id, expiresAt: new Date(Date.now() + 300 * 86_400_000), evidence: [], evidenceKey: "a" })
        .returning({ id: certifications.id });
      const [other] = await db
        .insert(certifications)
        .values({ userId: world.users.trainee2, trackId, orgId: world.demoOrgId, trackVersionId: v!.id, expiresAt: new Date(Date.now() + 300 * 86_400_000), evidence: [], evidenceKey: "b" })
        .returning({ id: certifications.id });
      const call = await playAndStore(db, { userId: world.users.trainee, orgId: world.demoOrgId, slug: "lost-cap", locale: "en", lines: playLines("lost-cap", "en", "thoughtful") });
      const otherOrg = await playAndStore(db, { userId: world.users.otherTrainee, orgId: world.otherOrgId, slug: "lost-cap", locale: "en", lines: playLines("lost-cap", "en", "curt") });
      return { world, trackId, certId: cert!.id, otherCertId: other!.id, traineeCall: call.attemptId, otherOrgCall: otherOrg.attemptId };
    });
    base = prepared.server.baseUrl;
    const e = prepared.data.world.emails;
    for (const who of ["trainee", "trainee2", "trainer", "manager", "admin", "otherManager", "otherTrainee"] as const)
      cookies[who] = await login(base, e[who]);
  }, 300_000);
  afterAll(async () => {
    await prepared?.close();
  });

  const status = async (who: string, path: string) => (await get(`${base}${path}`, { cookie: cookies[who] })).status;

  it("keeps trainees out of tracks, people pages and exports, and shows them only their own certificate", async () => {
    const { trackId, certId, otherCertId, world } = prepared.data;
    expect(await status("trainee", "/team/tracks/new")).toBe(403);
    expect(await status("trainee", `/team/tracks/${trackId}`)).toBe(403);
    expect(await status("trainee", `/team/people/${world.users.trainee2}`)).toBe(403);
    expect(await status("trainee", "/team/export/attempts.csv")).toBe(403);
    expect(await status("trainee", "/team/export/matrix.csv")).toBe(403);
    expect(await status("trainee", `/certificates/${certId}`)).toBe(200);
    expect(await status("trainee", `/certificates/${otherCertId}`)).toBe(404);
    const train = textOf(await (await get(`${base}/train`, { cookie: cookies.trainee })).text());
    expect(train).toContain("Assigned to you");
    expect(train).toContain("Front desk");
    expect(textOf(await (await get(`${base}/train`, { cookie: cookies.otherTrainee })).text())).not.toContain("Assigned to you");
  });

  it("lets trainers, managers and admins of the organisation define tracks, read people and export", async () => {
    const { trackId, certId, world } = prepared.data;
    for (const who of ["trainer", "manager", "admin"]) {
      expect(await status(who, "/team/tracks/new"), who).toBe(200);
      expect(await status(who, `/team/tracks/${trackId}`), who).toBe(200);
      expect(await status(who, `/team/people/${world.users.trainee}`), who).toBe(200);
      expect(await status(who, "/team/export/matrix.csv"), who).toBe(200);
      expect(await status(who, `/certificates/${certId}`), who).toBe(200);
    }
    const team = textOf(await (await get(`${base}/team`, { cookie: cookies.manager })).text());
    expect(team).toContain("Certified until");
  });

  it("hides another organisation's track, person, certificate and calls from its manager", async () => {
    const { trackId, certId, world, traineeCall } = prepared.data;
    expect(await status("otherManager", `/team/tracks/${trackId}`)).toBe(404);
    expect(await status("otherManager", `/team/people/${world.users.trainee}`)).toBe(404);
    expect(await status("otherManager", `/certificates/${certId}`)).toBe(404);
    const csv = await (await get(`${base}/team/export/attempts.csv`, { cookie: cookies.otherManager })).text();
    expect(csv).toContain("Olga Other");
    expect(csv).not.toContain("Tara Trainee");
    const review = await postForm(`${base}/calls/${traineeCall}/report`, { intent: "review", comment: "Hi", override: "none" }, { cookie: cookies.otherManager });
    expect(review.status).toBe(404);
    const assign = await postForm(`${base}/team/tracks/${trackId}`, { people: world.users.otherTrainee }, { cookie: cookies.otherManager });
    expect(assign.status).toBe(404);
  });

  it("refuses a certification call on a track not assigned to the trainee, and a review of one's own call", async () => {
    const { trackId, traineeCall } = prepared.data;
    const res = await postForm(`${base}/train/lost-cap`, { track: trackId, callLocale: "en" }, { cookie: cookies.otherTrainee });
    expect(res.status).toBe(400);
    const own = await postForm(`${base}/calls/${traineeCall}/report`, { intent: "review", comment: "Me", override: "pass", reason: "x" }, { cookie: cookies.trainee });
    expect(own.status).toBe(403);
    const ok = await postForm(`${base}/calls/${traineeCall}/report`, { intent: "review", comment: "Well done", override: "none" }, { cookie: cookies.trainer });
    expect(ok.status).toBe(200);
    const report = textOf(await (await get(`${base}/calls/${traineeCall}/report`, { cookie: cookies.trainee })).text());
    expect(report).toContain("Well done");
    expect(report).toContain("Your words:");
    const read = textOf(await (await get(`${base}/calls/${traineeCall}/report`, { cookie: cookies.manager })).text());
    expect(read).toContain("Tara Trainee's words:");
    expect(read).not.toContain("Your words:");
  });
});
