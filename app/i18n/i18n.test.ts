import "../author/messages";
import { describe, expect, it } from "vitest";
import { formatMessage, localeFromAcceptLanguage, t } from "./index";
import { ALL_AREAS as AREAS } from "./messages/all";

describe("the interface strings", () => {
  it("exist in French for every English string, in every area, and are never empty", () => {
    for (const [area, messages] of Object.entries(AREAS)) {
      const en = messages.en as Record<string, string>;
      const fr = messages.fr as Record<string, string>;
      expect(Object.keys(fr).sort(), area).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(en[key]?.trim(), `${area}.${key} (en)`).toBeTruthy();
        expect(fr[key]?.trim(), `${area}.${key} (fr)`).toBeTruthy();
      }
    }
  });

  it("use the same placeholders in both languages", () => {
    // `{name}` and the variable of an inline plural `{name, plural, …}`, each once (a branch such as
    // `one {call}` is wording, not a variable).
    const placeholders = (s: string) =>
      [...new Set([...s.matchAll(/(?<!(?:zero|one|two|few|many|other|=\d+)\s*)\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]))].sort();
    for (const [area, messages] of Object.entries(AREAS)) {
      const en = messages.en as Record<string, string>;
      const fr = messages.fr as Record<string, string>;
      for (const key of Object.keys(en)) {
        expect(placeholders(fr[key]!), `${area}.${key}`).toEqual(placeholders(en[key]!));
      }
    }
  });

  it("label the login form Email / Password / Log in, and Courriel / Mot de passe / Se connecter", () => {
    expect([t("en", "auth.email"), t("en", "auth.password"), t("en", "auth.submit")]).toEqual([
      "Email",
      "Password",
      "Log in",
    ]);
    expect([t("fr", "auth.email"), t("fr", "auth.password"), t("fr", "auth.submit")]).toEqual([
      "Courriel",
      "Mot de passe",
      "Se connecter",
    ]);
  });

  it("fill in variables and leave unknown ones visible", () => {
    expect(t("fr", "common.difficulty", { n: 2 })).toBe("Difficulté 2 sur 3");
    expect(t("en", "common.difficulty")).toBe("Difficulty {n} of 3");
  });
});

describe("the browser's language", () => {
  it.each([
    ["fr-CA,fr;q=0.9,en;q=0.8", "fr"],
    ["en-US,en;q=0.9", "en"],
    ["de-DE,de;q=0.9,fr;q=0.5,en;q=0.4", "fr"],
    ["en;q=0.2, fr;q=0.8", "fr"],
    ["de, es", null],
    ["", null],
    ["fr;q=0", null],
  ])("picks the best supported language from %j", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe("singular forms", () => {
  it("says a count of exactly 1 in its own words, in both languages, and the plain form otherwise", () => {
    expect(t("en", "certification.missedTimes", { n: 1 })).toBe("missed once");
    expect(t("fr", "certification.missedTimes", { n: 1 })).toBe("manqué une fois");
    expect(t("en", "certification.missedTimes", { n: 3 })).toBe("missed 3 times");
    expect(t("en", "certification.missedTimes", { n: 0 })).toBe("missed 0 times");
    expect(t("fr", "author.errorsCount", { count: 1 })).toBe("1 erreur");
    expect(t("fr", "author.errorsCount", { count: 0 })).toBe("0 erreur");
    expect(t("en", "author.testLines", { count: 1, locale: "EN" })).toBe("1 line, EN");
    expect(t("fr", "author.publishTestsFailed", { count: 2 })).toBe("Non publié : 2 tests du scénario ont échoué.");
    expect(t("en", "auth.rateLimited", { minutes: 1 })).toBe("Too many failed attempts. Wait 1 minute, then try again.");
    expect(t("en", "author.warningsCount", { count: 2 })).toBe("2 warnings");
  });
});

describe("plural forms", () => {
  it("follow each language's rules in an inline plural: English singular for 1 only, French for 0 and 1", () => {
    const fr = "{n, plural, one {# scénario réussi} other {# scénarios réussis}} sur {total}";
    expect([0, 1, 2].map((n) => formatMessage(fr, { n, total: 3 }, "fr"))).toEqual([
      "0 scénario réussi sur 3",
      "1 scénario réussi sur 3",
      "2 scénarios réussis sur 3",
    ]);
    const en = "{done} of {n, plural, one {# scenario} other {# scenarios}} passed";
    expect([0, 1, 2].map((n) => formatMessage(en, { done: 0, n }, "en"))).toEqual([
      "0 of 0 scenarios passed",
      "0 of 1 scenario passed",
      "0 of 2 scenarios passed",
    ]);
  });

  it("prefer an exact =N branch, fall back to other, and leave a plural without its value visible", () => {
    const m = "missed {n, plural, =1 {once} one {# time} other {# times}}";
    expect(formatMessage(m, { n: 1 }, "en")).toBe("missed once");
    expect(formatMessage(m, { n: 4 }, "en")).toBe("missed 4 times");
    expect(formatMessage("{n, plural, other {# calls}}", { n: 1 }, "fr")).toBe("1 calls");
    expect(formatMessage("{n, plural, one {#} other {#}} {x}", {}, "en")).toBe("{n, plural, one {#} other {#}} {x}");
  });

  it("say the counts of the manager's and the history pages right for 0, 1 and 2, in both languages", () => {
    expect(t("en", "certification.trackProgress", { passed: 0, total: 1 })).toBe("0 of 1 scenario passed");
    expect(t("en", "certification.trackProgress", { passed: 1, total: 2 })).toBe("1 of 2 scenarios passed");
    expect(t("fr", "certification.trackProgress", { passed: 0, total: 2 })).toBe("0 scénario réussi sur 2");
    expect(t("fr", "certification.trackProgress", { passed: 1, total: 2 })).toBe("1 scénario réussi sur 2");
    expect(t("fr", "certification.trackProgress", { passed: 2, total: 2 })).toBe("2 scénarios réussis sur 2");
    expect(t("en", "certification.missedIntro", { n: 500 })).toBe(
      "The checkpoints most often missed in the team's latest scored calls (up to 500), each with the calls where it was missed.",
    );
    expect(t("fr", "certification.missedIntro", { n: 500 })).toBe(
      "Les points de contrôle les plus souvent manqués dans les derniers appels évalués de l'équipe (jusqu'à 500), chacun avec les appels où il l'a été.",
    );
    expect(t("en", "home.teamPeopleCount", { page: 1, pages: 1, total: 1 })).toBe("Page 1 of 1 · 1 person in all");
    expect(t("en", "home.teamPeopleCount", { page: 1, pages: 2, total: 2 })).toBe("Page 1 of 2 · 2 people in all");
    expect(t("fr", "home.teamPeopleCount", { page: 1, pages: 1, total: 1 })).toBe("Page 1 sur 1 · 1 personne au total");
    expect(t("fr", "home.teamPeopleCountSearch", { page: 1, pages: 1, total: 0, q: "zz" })).toBe(
      "Page 1 sur 1 · 0 personne trouvée pour « zz »",
    );
    expect(t("fr", "home.teamPeopleCountSearch", { page: 1, pages: 1, total: 2, q: "ta" })).toBe(
      "Page 1 sur 1 · 2 personnes trouvées pour « ta »",
    );
    const chart = { first: "A", last: "B", empathy: 1, resolution: 2, anticipation: 3 };
    expect(t("en", "report.progressChartDesc", { ...chart, count: 2 })).toMatch(/^2 scored calls from A to B\. /);
    expect(t("fr", "report.progressChartDesc", { ...chart, count: 1 })).toMatch(/^1 appel évalué du A au B\. /);
  });
});
