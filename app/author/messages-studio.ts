/**
 * The studio's strings added in session 13 (app/i18n/messages/author-studio.ts), registered like the studio's
 * other areas (app/author/messages.ts, decision 274): every studio module that uses `authorStudio.*` keys
 * imports this file, so the area travels in the studio's chunks only.
 */
import authorStudio from "../i18n/messages/author-studio";
import { registerArea } from "../i18n";

registerArea("authorStudio", authorStudio);
