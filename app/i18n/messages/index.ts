/**
 * The message areas every page may need. Registering an area is one line: import its file and add it to AREAS.
 * Keys are used as "area.key", e.g. t("auth.email").
 *
 * The studio's area (`author`, a third of all the strings) is not here: it is registered by app/author/messages.ts,
 * which every studio module imports, so it travels in the studio's own chunks and not in every page's JavaScript
 * (the call page's budget, issue 11). `ALL_AREAS` (./all.ts) lists every area, for the tests.
 */
import admin from "./admin";
import auth from "./auth";
import authorForms from "./author-forms";
import call from "./call";
import callEnd from "./call-end";
import certification from "./certification";
import common from "./common";
import home from "./home";
import labels from "./labels";
import report from "./report";

export const AREAS = {
  common,
  auth,
  home,
  labels,
  admin,
  report,
  call,
  callEnd,
  forms: authorForms,
  certification,
} as const;
