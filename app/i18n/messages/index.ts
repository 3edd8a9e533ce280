/**
 * The message areas. Registering an area is one line: import its file and add it to AREAS.
 * Keys are used as "area.key", e.g. t("auth.email").
 */
import admin from "./admin";
import auth from "./auth";
import author from "./author";
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
  author,
  certification,
} as const;
