/** Every message area, the studio's included (for the tests and tools; pages get theirs through app/i18n). */
import { AREAS } from "./index";
import author from "./author";
import authorIssues from "./author-issues";
import authorStudio from "./author-studio";

export const ALL_AREAS = { ...AREAS, author, authorIssues, authorStudio } as const;
