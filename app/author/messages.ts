/**
 * The studio's strings (app/i18n/messages/author.ts), registered when a studio module is loaded: every module
 * of app/author and every /author route imports this file, so the area travels in the studio's chunks, not in
 * the JavaScript of every page (the call page's budget, issue 11; app/i18n/messages/index.ts).
 */
import author from "../i18n/messages/author";
import { registerArea } from "../i18n";

registerArea("author", author);
