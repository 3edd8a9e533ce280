/** The delivery figures for the summary: the call page's JavaScript, then `npm start` → listening (bundle.ts, startup.ts print the details). */
import { pct, type Figure } from "./figures";
import { benchBundle, CALL_PAGE_GOAL_GZIP_KB } from "./bundle";
import { benchStartup, STARTUP_GOAL_MS } from "./startup";

export async function deliveryFigures(): Promise<Figure[]> {
  const w = await benchBundle();
  const times = await benchStartup();
  const kib = w.gzipBytes / 1024;
  const median = pct(times, 50);
  return [
    {
      what: "call page JavaScript",
      goal: `< ${CALL_PAGE_GOAL_GZIP_KB} KB gzip`,
      measured: `${kib.toFixed(1)} KiB gzip (${(w.bytes / 1024).toFixed(0)} KiB raw); zod ${w.zodFiles.length === 0 ? "absent" : "present"}`,
      met: kib < CALL_PAGE_GOAL_GZIP_KB,
    },
    {
      what: "`npm start` to listening (built, data present)",
      goal: `< ${STARTUP_GOAL_MS / 1000} s`,
      measured: `median ${(median / 1000).toFixed(2)} s over ${times.length} runs`,
      met: median < STARTUP_GOAL_MS,
    },
  ];
}
