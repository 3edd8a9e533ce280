/**
 * The studio's strings (app/i18n/messages/author.ts, and app/i18n/messages/author-issues.ts: what the scenario
 * format refuses, YAML syntax included), registered when a studio module is loaded: every module of app/author
 * and every /author route imports this file, so the areas travel in the studio's chunks, not in the JavaScript
 * of every page (the call page's budget, issue 11; app/i18n/messages/index.ts).
 */
import author from "../i18n/messages/author";
import authorIssues from "../i18n/messages/author-issues";
import { registerArea } from "../i18n";

registerArea("author", author);
registerArea("authorIssues", authorIssues);
