/**
 * What the certification pages say, through the built server: a refused track form highlights
 * every invalid field with its own message and keeps what was typed (new and edit, English and
 * French); a due date already past is refused on its field; a track nobody is assigned to says
 * what to do; counts agree with their number; the trainee's card gives a due date once and none
 * once certified; a certification call's report states the track's pass mark (not the
 * scenario's), the track it counted for and the certificate it completed; the certificate names
 * its calls by scenario, day and score, each opening its report.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, isNull } from "drizzle-orm";
import { attempts, certificationAttempts, certifications, scenarios, trackVersions } from "../../db/schema";
import type { Database } from "../../db/client";
import { setDatabaseHandle } from "../../app/db.server";
import { issueCertificationIfEarned } from "../../app/certification/certify.server";
import { addReview } from "../../app/certification/reviews.server";
import { assignTrack, createTrack, updateTrack } from "../../app/certification/tracks.server";
import type { TrackRules } from "../../app/certification/rules";
import { get, login, postForm } from "../helpers";
import { createWorld, playAndStore, playLines, type World } from "../report/fixtures";
import { decode, serveFilledDatabase, textOf, type PreparedServer } from "../report/support";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Data {
  world: World;
  ids: Record<string, string>;
  /** One scenario (lost-cap, pass mark 70 where the scenario says 60), certified by trainee's call. */
  capTrack: string;
  /** lost-cap and smile-25k; trainee2 failed lost-cap, due in 10 days. */
  deskTrack: string;
  /** Assigned to nobody. */
  emptyTrack: string;
  passedCall: string;
  failedCall: string;
  certId: string;
  /** lost-cap only; trainee2's failing call there was overridden to a pass by a trainer. */
  overrideTrack: string;
  overriddenCall: string;
  overrideCertId: string;
  /** trainee certified under version 1 (lost-cap only); the track then edited to three scenarios. */
  versionTrack: string;
  /** trainee2 certified by a thoughtful call, which a manager then overrode to "not passed". */
  withdrawTrack: string;
  withdrawnCall: string;
  withdrawnCertId: string;
  /** One attempt allowed; trainee2 used it on lost-cap and failed. */
  blockedTrack: string;
}

const rules = (ids: Record<string, string>, slugs: string[], over: Partial<TrackRules> = {}): TrackRules => ({
  name: { en: "Front desk", fr: "Accueil" },
  description: { en: "", fr: "" },
  scenarios: slugs.map((slug) => ({ scenarioId: ids[slug]!, versionId: null, passMark: 70, minimums: { empathy: 0, resolution: 0, anticipation: 0 } })),
  attemptsAllowed: 3,
  cooldownHours: 0,
  language: null,
  hideCoaching: false,
  validityMonths: 12,
  recertifyDays: 30,
  ...over,
});

/** A played call stored as a certification call of `trackId`. */
async function certificationCall(db: Database, world: World, who: "trainee" | "trainee2", trackId: string, slug: string, style: "thoughtful" | "curt", at: Date) {
  const call = await playAndStore(db, { userId: world.users[who], orgId: world.demoOrgId, slug, locale: "en", lines: playLines(slug, "en", style), startedAt: at });
  const [v] = await db.select({ id: trackVersions.id }).from(trackVersions).where(eq(trackVersions.trackId, trackId));
  const [s] = await db.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.slug, slug));
  await db.update(attempts).set({ mode: "certification" }).where(eq(attempts.id, call.attemptId));
  await db.insert(certificationAttempts).values({ attemptId: call.attemptId, trackId, trackVersionId: v!.id, userId: world.users[who], scenarioId: s!.id, startedAt: at });
  return call;
}

describe("what the certification pages say", () => {
  let prepared: PreparedServer & { data: Data };
  const cookies: Record<string, string> = {};
  let base = "";

  beforeAll(async () => {
    prepared = await serveFilledDatabase("pglite", async (db): Promise<Data> => {
      setDatabaseHandle({ db, driver: "pglite", close: async () => {} });
      const world = await createWorld(db);
      const rows = await db.select({ id: scenarios.id, slug: scenarios.slug }).from(scenarios).where(isNull(scenarios.orgId));
      const ids = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
      const manager = { id: world.users.manager, orgId: world.demoOrgId };
      const now = Date.now();
      const { id: capTrack } = await createTrack(manager, rules(ids, ["lost-cap"], { name: { en: "Cap desk", fr: "Casquette" } }));
      const { id: deskTrack } = await createTrack(manager, rules(ids, ["lost-cap", "smile-25k"]));
      const { id: emptyTrack } = await createTrack(manager, rules(ids, ["lost-cap"], { name: { en: "Nobody's", fr: "Personne" } }));
      const assignedAt = new Date(now - 3 * HOUR);
      // Due in 10 days; certified since: the card no longer gives the due date.
      await assignTrack(manager, { trackId: capTrack, userIds: [world.users.trainee], roles: [], dueAt: new Date(now + 10 * DAY) }, assignedAt);
      await assignTrack(manager, { trackId: deskTrack, userIds: [world.users.trainee2], roles: [], dueAt: new Date(now + 10 * DAY) }, assignedAt);
      const passed = await certificationCall(db, world, "trainee", capTrack, "lost-cap", "thoughtful", new Date(now - 2 * HOUR));
      const certId = await issueCertificationIfEarned(passed.attemptId, new Date(now - HOUR));
      if (!certId) throw new Error(`the thoughtful call (${passed.card.scores.overall}) did not certify`);
      const failed = await certificationCall(db, world, "trainee2", deskTrack, "lost-cap", "curt", new Date(now - 2 * HOUR));
      if (failed.card.scores.overall >= 70) throw new Error(`the curt call scored ${failed.card.scores.overall}`);
      // A reviewer's "pass" override certifies (the override keeps the scores below the pass mark).
      const { id: overrideTrack } = await createTrack(manager, rules(ids, ["lost-cap"], { name: { en: "Reviewed desk", fr: "Accueil révisé" } }));
      await assignTrack(manager, { trackId: overrideTrack, userIds: [world.users.trainee2], roles: [], dueAt: null }, assignedAt);
      const overridden = await certificationCall(db, world, "trainee2", overrideTrack, "lost-cap", "curt", new Date(now - 2 * HOUR));
      await addReview({ id: world.users.trainer, orgId: world.demoOrgId }, overridden.attemptId, { comment: "", override: "pass", reason: "The judge missed the apology" });
      const [overrideCert] = await db.select({ id: certifications.id }).from(certifications).where(eq(certifications.trackId, overrideTrack));
      // Certified under version 1, then the track is edited to three scenarios (version 2).
      const lostBasics = rules(ids, ["lost-cap"], { name: { en: "Lost property basics", fr: "Objets trouvés : les bases" } });
      const { id: versionTrack } = await createTrack(manager, lostBasics);
      await assignTrack(manager, { trackId: versionTrack, userIds: [world.users.trainee], roles: [], dueAt: null }, assignedAt);
      const v1 = await certificationCall(db, world, "trainee", versionTrack, "lost-cap", "thoughtful", new Date(now - 2 * HOUR));
      if (!(await issueCertificationIfEarned(v1.attemptId, new Date(now - HOUR)))) throw new Error("version 1 did not certify");
      await updateTrack(manager, versionTrack, { ...lostBasics, scenarios: rules(ids, ["lost-cap", "smile-25k", "angry-caller"]).scenarios });
      // Certified, then the certifying call overridden to "not passed": the certificate is withdrawn.
      const { id: withdrawTrack } = await createTrack(manager, rules(ids, ["lost-cap"], { name: { en: "Withdrawn desk", fr: "Accueil retiré" } }));
      await assignTrack(manager, { trackId: withdrawTrack, userIds: [world.users.trainee2], roles: [], dueAt: null }, assignedAt);
      const toWithdraw = await certificationCall(db, world, "trainee2", withdrawTrack, "lost-cap", "thoughtful", new Date(now - 2 * HOUR));
      const withdrawnCertId = await issueCertificationIfEarned(toWithdraw.attemptId, new Date(now - HOUR));
      if (!withdrawnCertId) throw new Error("the call to withdraw did not certify");
      await addReview(manager, toWithdraw.attemptId, { comment: "", override: "fail", reason: "Replayed with me on the phone." });
      // One attempt allowed, used and failed: blocked.
      const { id: blockedTrack } = await createTrack(manager, rules(ids, ["lost-cap"], { name: { en: "One shot", fr: "Un essai" }, attemptsAllowed: 1 }));
      await assignTrack(manager, { trackId: blockedTrack, userIds: [world.users.trainee2], roles: [], dueAt: null }, assignedAt);
      await certificationCall(db, world, "trainee2", blockedTrack, "lost-cap", "curt", new Date(now - 2 * HOUR));
      return {
        world,
        ids,
        versionTrack,
        withdrawTrack,
        withdrawnCall: toWithdraw.attemptId,
        withdrawnCertId,
        blockedTrack,
        capTrack,
        deskTrack,
        emptyTrack,
        passedCall: passed.attemptId,
        failedCall: failed.attemptId,
        certId,
        overrideTrack,
        overriddenCall: overridden.attemptId,
        overrideCertId: overrideCert?.id ?? "",
      };
    });
    base = prepared.server.baseUrl;
    const e = prepared.data.world.emails;
    for (const who of ["trainee", "trainee2", "manager"] as const) cookies[who] = await login(base, e[who]);
  }, 300_000);
  afterAll(async () => {
    await prepared?.close();
  });

  const page = async (who: string, path: string, language = "en") => {
    const res = await get(`${base}${path}`, { cookie: cookies[who], headers: { "Accept-Language": language } });
    expect(res.status, path).toBe(200);
    return res.text();
  };

  /** The <input> named `name` in `html` (its whole tag). */
  const inputTag = (html: string, name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? "";
  /** The text of the element with this id. */
  const textById = (html: string, id: string) => textOf(new RegExp(`<[^>]+id="${id}"[^>]*>([\\s\\S]*?)</`).exec(html)?.[1] ?? "");

  /** The visible text of the trainee's card of `trackId` on /train. */
  const cardOf = (html: string, trackId: string) => {
    const start = html.indexOf(`data-track="${trackId}"`);
    expect(start, trackId).toBeGreaterThan(0);
    const rest = html.slice(start);
    const end = rest.indexOf("data-track=", 12);
    return textOf(`<li ${end > 0 ? rest.slice(0, end) : rest.slice(0, rest.indexOf("</section>"))}`);
  };

  /** Every field of the new-track form as the browser would post it, with `over` changed. */
  function trackForm(over: Record<string, string>): Record<string, string> {
    const { ids } = prepared.data;
    const f: Record<string, string> = {
      nameEn: "Front desk 2",
      nameFr: "Accueil 2",
      descriptionEn: "",
      descriptionFr: "",
      attemptsAllowed: "3",
      cooldownHours: "0",
      language: "",
      hideCoaching: "on",
      validityMonths: "12",
      recertifyDays: "30",
    };
    for (const [i, slug] of ["lost-cap", "smile-25k", "angry-caller"].entries()) {
      const id = ids[slug]!;
      Object.assign(f, { [`include_${id}`]: "on", [`order_${id}`]: String(i + 1), [`version_${id}`]: "latest", [`pass_${id}`]: "70" });
      for (const d of ["empathy", "resolution", "anticipation"]) f[`min_${d}_${id}`] = "0";
    }
    return { ...f, ...over };
  }

  it("highlights every invalid field of a new track with its own message, keeps what was typed, in English and French", async () => {
    const cap = prepared.data.ids["lost-cap"]!;
    const fields = trackForm({ [`pass_${cap}`]: "150", cooldownHours: "-3", validityMonths: "-1" });
    for (const [language, messages] of [
      ["en", ["Enter a whole number from 0 to 100.", "Enter a whole number from 0 to 2160.", "Enter a whole number from 1 to 120.", "Check the highlighted fields."]],
      ["fr", ["Entrez un nombre entier de 0 à 100.", "Entrez un nombre entier de 0 à 2160.", "Entrez un nombre entier de 1 à 120.", "Vérifiez les champs signalés."]],
    ] as const) {
      const res = await postForm(`${base}/team/tracks/new`, fields, { cookie: cookies.manager, headers: { "Accept-Language": language } });
      expect(res.status).toBe(400);
      const html = decode(await res.text());
      for (const [name, value, message] of [
        [`pass_${cap}`, "150", messages[0]],
        ["cooldownHours", "-3", messages[1]],
        ["validityMonths", "-1", messages[2]],
      ] as const) {
        const tag = inputTag(html, name);
        expect(tag, name).toContain('aria-invalid="true"');
        expect(tag, name).toContain(`value="${value}"`);
        expect(tag, name).toContain(`aria-describedby="track-${name}-error"`);
        expect(textById(html, `track-${name}-error`), name).toBe(message);
      }
      // Exactly those three, the valid ones keep what was typed, and the summary lists each.
      expect(html.match(/aria-invalid="true"/g)?.length).toBe(3);
      expect(inputTag(html, "nameEn")).toContain('value="Front desk 2"');
      expect(inputTag(html, "attemptsAllowed")).not.toContain("aria-invalid");
      const text = textOf(html);
      expect(text).toContain(messages[3]);
      expect(text).toContain(language === "en" ? "Pass mark — The forgotten cap: Enter a whole number from 0 to 100." : "Note de passage — La casquette oubliée : Entrez un nombre entier de 0 à 100.");
    }
  });

  it("highlights the names, a non-whole number and an empty track on the edit form too", async () => {
    const { capTrack, ids } = prepared.data;
    // The edit page is the form (it was the track page: the route was nested in one without an outlet).
    const form = textOf(await page("manager", `/team/tracks/${capTrack}/edit`));
    expect(form).toContain("Edit Cap desk");
    expect(form).toContain("Save as a new version");
    const none = Object.fromEntries(Object.entries(trackForm({ nameEn: " ", [`min_empathy_${ids["lost-cap"]}`]: "2.5" })).filter(([k]) => !k.startsWith("include_")));
    const res = await postForm(`${base}/team/tracks/${capTrack}/edit`, none, { cookie: cookies.manager });
    const html = decode(await res.text());
    expect(res.status, textOf(html).slice(0, 300)).toBe(400);
    expect(inputTag(html, "nameEn")).toContain('aria-invalid="true"');
    expect(textById(html, "track-nameEn-error")).toBe("Give the track a name in English.");
    expect(textById(html, "track-scenarios-error")).toBe("Choose at least one published scenario.");
    // Nothing included: nothing was ticked is what comes back.
    expect(inputTag(html, `include_${ids["lost-cap"]}`)).not.toContain("checked");
    const withOne = trackForm({ [`min_empathy_${ids["lost-cap"]}`]: "2.5", [`order_${ids["smile-25k"]}`]: "0" });
    const again = decode(await (await postForm(`${base}/team/tracks/${capTrack}/edit`, withOne, { cookie: cookies.manager })).text());
    expect(inputTag(again, `min_empathy_${ids["lost-cap"]}`)).toContain('aria-invalid="true"');
    expect(inputTag(again, `min_empathy_${ids["lost-cap"]}`)).toContain('value="2.5"');
    expect(textById(again, `track-order_${ids["smile-25k"]}-error`)).toBe("Enter a whole number from 1 to 50.");
  });

  it("refuses a due date already past on its field, keeps the choices, and assigns with today or later", async () => {
    const { emptyTrack, world } = prepared.data;
    const fields = { people: world.users.trainee2, dueAt: "2020-01-15" };
    const res = await postForm(`${base}/team/tracks/${emptyTrack}`, fields, { cookie: cookies.manager });
    expect(res.status).toBe(400);
    const html = decode(await res.text());
    const due = inputTag(html, "dueAt");
    expect(due).toContain('aria-invalid="true"');
    expect(due).toContain('value="2020-01-15"');
    expect(due).toContain('aria-describedby="due-date-hint due-date-error"');
    expect(textById(html, "due-date-error")).toBe("The due date Jan 15, 2020 is already past: choose today or a later day.");
    expect(inputTag(html, "people").length).toBeGreaterThan(0);
    const ticked = [...html.matchAll(/<input[^>]*name="people"[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes("checked"));
    expect(ticked).toEqual([expect.stringContaining(`value="${world.users.trainee2}"`)]);
    const fr = decode(await (await postForm(`${base}/team/tracks/${emptyTrack}`, fields, { cookie: cookies.manager, headers: { "Accept-Language": "fr" } })).text());
    expect(textById(fr, "due-date-error")).toContain("est déjà passée : choisissez aujourd'hui ou un jour suivant.");
    const notADay = decode(await (await postForm(`${base}/team/tracks/${emptyTrack}`, { ...fields, dueAt: "2031-02-31" }, { cookie: cookies.manager })).text());
    expect(inputTag(notADay, "dueAt")).toContain('aria-invalid="true"');
    expect(textById(notADay, "due-date-error")).toBe("Enter a valid due date.");
    // Nobody was assigned by the refused posts.
    expect(textOf(await page("manager", `/team/tracks/${emptyTrack}`))).toContain("Nobody is assigned to this track yet.");
  });

  it("says nobody is assigned yet and what to do, and counts people and attempts in the singular for one", async () => {
    const { emptyTrack, world } = prepared.data;
    const empty = textOf(await page("manager", `/team/tracks/${emptyTrack}`));
    expect(empty).toContain("Nobody is assigned to this track yet. To assign it, tick people or a role under “Assign” above");
    expect(empty).not.toContain("No track assigned.");
    expect(textOf(await page("manager", `/team/tracks/${emptyTrack}`, "fr"))).toContain("Personne n'est encore assigné à ce parcours.");
    const today = new Date().toISOString().slice(0, 10);
    const ok = await postForm(`${base}/team/tracks/${emptyTrack}`, { people: world.users.trainee, dueAt: today }, { cookie: cookies.manager });
    expect(ok.status).toBe(200);
    expect(textOf(await ok.text())).toContain("Assigned to 1 person.");
    const fr = await postForm(`${base}/team/tracks/${emptyTrack}`, { people: world.users.trainee, dueAt: today }, { cookie: cookies.manager, headers: { "Accept-Language": "fr" } });
    expect(textOf(await fr.text())).toContain("Assigné à 1 personne.");
    const team = textOf(await page("manager", "/team"));
    expect(team).toContain("assigned to 1 person");
    expect(team).not.toMatch(/assigned to 1 people/);
  });

  it("gives the trainee's due date once, and none once the track is certified", async () => {
    const { deskTrack, capTrack } = prepared.data;
    const card2 = cardOf(await page("trainee2", "/train"), deskTrack);
    expect(card2).toContain("0 of 2 scenarios passed");
    expect(card2.match(/Due /g)?.length).toBe(1);
    expect(card2).toContain("1 certification attempt");
    const card = cardOf(await page("trainee", "/train"), capTrack);
    expect(card).toContain("Certified until");
    expect(card).not.toMatch(/Due |Overdue/);
    expect(card).toContain("1 certification attempt");
    expect(card).not.toContain("1 certification attempts");
  });

  it("states the track's pass mark on a certification call's report, the track it counted for, and the certificate it completed", async () => {
    const { passedCall, failedCall, certId } = prepared.data;
    for (const who of ["trainee", "manager"]) {
      const html = await page(who, `/calls/${passedCall}/report`);
      const text = textOf(html);
      expect(text).toContain("This call counted for certification on the track “Cap desk”.");
      expect(text).toContain("To pass it for the track: 70 overall or more.");
      expect(text).not.toContain("60 overall");
      expect(text).toContain("This call completed the track: the certification was issued.");
      expect(html).toContain(`href="/certificates/${certId}"`);
      expect(text).toContain("pass mark 70");
    }
    // Trying again after a certification call is practice, and the button says so.
    const own = textOf(await page("trainee", `/calls/${passedCall}/report`));
    expect(own).toContain("Practise it again");
    expect(own).toContain("it does not count for the track");
    expect(own).not.toContain("Try again");
    const failed = textOf(await page("trainee2", `/calls/${failedCall}/report`));
    expect(failed).toContain("This call counted for certification on the track “Front desk”.");
    expect(failed).toContain("It does not meet the track's requirement for this scenario.");
    expect(failed).toContain("Not passed");
    expect(failed).not.toContain("Open the certificate");
    const fr = textOf(await page("trainee", `/calls/${passedCall}/report`, "fr"));
    expect(fr).toContain("Cet appel a compté pour la certification du parcours « Casquette ».");
    expect(fr).toContain("Pour le réussir dans ce parcours : 70 au global ou plus.");
  });

  it("names the certificate's calls by scenario, day and score, each opening its report", async () => {
    const { certId, passedCall } = prepared.data;
    for (const who of ["trainee", "manager"]) {
      const html = await page(who, `/certificates/${certId}`);
      const text = textOf(html.slice(html.indexOf('data-testid="certificate"'), html.indexOf("</article>")));
      expect(text).toContain("Calls that earned it");
      expect(text).toMatch(/The forgotten cap — [A-Z][a-z]{2} \d{1,2}, \d{4} — \d{1,3}\/100/);
      expect(text).not.toContain(passedCall);
      expect(html).toContain(`href="/calls/${passedCall}/report"`);
    }
    expect(textOf(await page("trainee", `/certificates/${certId}`, "fr"))).toContain("La casquette oubliée —");
  });

  it("certifies on a reviewer's pass override, and the report and the trainee's card say so", async () => {
    const { overrideTrack, overriddenCall, overrideCertId } = prepared.data;
    expect(overrideCertId).not.toBe("");
    const report = await page("trainee2", `/calls/${overriddenCall}/report`);
    const text = textOf(report);
    expect(text).toContain("It meets the track's requirement for this scenario.");
    expect(text).toContain("This call completed the track: the certification was issued.");
    expect(report).toContain(`href="/certificates/${overrideCertId}"`);
    const card = cardOf(await page("trainee2", "/train"), overrideTrack);
    expect(card).toContain("Certified until");
    expect(card).toContain("1 of 1 scenario passed");
  });

  it("says a certificate was issued under an older version and counts only the current version's passes", async () => {
    const { versionTrack, world } = prepared.data;
    const card = cardOf(await page("trainee", "/train"), versionTrack);
    expect(card).toContain("Certified until");
    expect(card).toContain("issued under version 1 of this track and stays valid until it expires");
    expect(card).toContain("(version 2)");
    expect(card).toContain("0 of 3 scenarios passed");
    expect(card).not.toContain("✓ passed");
    const fr = cardOf(await page("trainee", "/train", "fr"), versionTrack);
    expect(fr).toContain("délivré selon la version 1 de ce parcours");
    const person = textOf(await page("manager", `/team/people/${world.users.trainee}`));
    expect(person).toContain("Certified under version 1; the track is now version 2.");
    expect(person).not.toContain("3 of 3 scenarios passed");
  });

  it("withdraws the certificate when its call is overridden to not passed, and the report never says both", async () => {
    const { withdrawTrack, withdrawnCall, withdrawnCertId } = prepared.data;
    for (const who of ["trainee2", "manager"]) {
      // React 18.3.1 writes NUL bytes before some multi-byte characters; the server drops them (app/server/strip-nul.ts).
      const html = await page(who, `/calls/${withdrawnCall}/report`);
      expect(html.includes("\u0000")).toBe(false);
      const text = textOf(html);
      expect(text).toContain("It does not meet the track's requirement for this scenario.");
      expect(text).not.toContain("This call completed the track: the certification was issued.");
      expect(text).toMatch(/This call completed the track, but the certification was withdrawn on [A-Z][a-z]{2} \d{1,2}, \d{4} by Maya Manager: “Replayed with me on the phone\.”\./);
      expect(text).toContain("Not passed by a reviewer's decision (Maya Manager): “Replayed with me on the phone.”.");
      expect(text).toContain("Result overridden by Maya Manager: “Replayed with me on the phone.”. The original scorecard is kept.");
      expect(text).not.toContain("phone..");
      expect(text).not.toContain("Scored by: review");
      const cert = textOf(await page(who, `/certificates/${withdrawnCertId}`));
      expect(cert).toMatch(/Withdrawn on [A-Z][a-z]{2} \d{1,2}, \d{4} by Maya Manager: “Replayed with me on the phone\.”/);
    }
    const fr = textOf(await page("trainee2", `/certificates/${withdrawnCertId}`, "fr"));
    expect(fr).toContain("Certificat retiré");
    expect(fr).toContain("par Maya Manager : « Replayed with me on the phone. »");
    expect(fr).toContain("Sam Second a été certifié·e sur « Accueil retiré » ; ce certificat a été retiré.");
    const person = textOf(await page("manager", `/team/people/${prepared.data.world.users.trainee2}`));
    expect(person).toMatch(/Withdrawn desk \(Version 1\) [A-Z][a-z]{2} \d{1,2}, \d{4} Withdrawn on /);
    const card = cardOf(await page("trainee2", "/train"), withdrawTrack);
    expect(card).not.toContain("Certified until");
    expect(card).toContain("0 of 1 scenario passed");
  });

  it("explains a pass by a reviewer's decision on the report and the certificate", async () => {
    const { overriddenCall, overrideCertId } = prepared.data;
    const text = textOf(await page("manager", `/calls/${overriddenCall}/report`));
    expect(text).toContain("Passed by a reviewer's decision (Théo Trainer): “The judge missed the apology”.");
    expect(text).not.toContain("To pass it for the track: 70 overall or more.");
    expect(text).toContain("Result set by a reviewer's decision");
    expect(text).not.toContain("the call was scored again");
    const cert = textOf(await page("trainee2", `/certificates/${overrideCertId}`));
    expect(cert).toContain("passed by a reviewer's decision (Théo Trainer): “The judge missed the apology”");
    const fr = textOf(await page("manager", `/calls/${overriddenCall}/report`, "fr"));
    expect(fr).toContain("Réussi par décision d'un·e évaluateur·rice (Théo Trainer)");
    expect(fr).not.toContain("Évalué par : review");
  });

  it("tells the trainee and the manager when every attempt is used", async () => {
    const { blockedTrack, world, ids } = prepared.data;
    const card = cardOf(await page("trainee2", "/train"), blockedTrack);
    expect(card).toContain("No attempts left: ask your manager to assign the track again.");
    expect(card).not.toContain("Take for certification");
    const briefing = textOf(await page("trainee2", `/train/lost-cap?track=${blockedTrack}`, "fr"));
    expect(briefing).toContain("La seule tentative permise a été utilisée.");
    expect(briefing).not.toMatch(/Tentative 2 sur 1/);
    const track = textOf(await page("manager", `/team/tracks/${blockedTrack}`));
    expect(track).toContain("Blocked: no attempts left on The forgotten cap.");
    expect(track).toContain("Assigning the track to them again (above) gives them a fresh set of attempts.");
    expect(textOf(await page("manager", `/team/people/${world.users.trainee2}`))).toContain("No attempts left on The forgotten cap");
    void ids;
  });

  it("refuses two scenarios with the same order number on their fields", async () => {
    const { ids } = prepared.data;
    const res = await postForm(`${base}/team/tracks/new`, trackForm({ [`order_${ids["smile-25k"]}`]: "1" }), { cookie: cookies.manager });
    expect(res.status).toBe(400);
    const html = decode(await res.text());
    for (const slug of ["lost-cap", "smile-25k"]) {
      expect(inputTag(html, `order_${ids[slug]}`)).toContain('aria-invalid="true"');
      expect(textById(html, `track-order_${ids[slug]}-error`)).toBe("Another scenario has the order 1: give each scenario its own number.");
    }
    expect(inputTag(html, `order_${ids["angry-caller"]}`)).not.toContain("aria-invalid");
  });

  it("titles the certificate's tab in the reader's language", async () => {
    const { certId } = prepared.data;
    const fr = await page("trainee", `/certificates/${certId}`, "fr");
    expect(decode(/<title>([^<]*)<\/title>/.exec(fr)?.[1] ?? "")).toMatch(/^Certificat : .+ — Casquette$/);
    expect(textOf(await page("trainee", "/train", "fr"))).toContain("Vos parcours assignés");
  });
});
