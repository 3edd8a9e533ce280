/**
 * `npm run --silent cli -- validate [FILES...]`: checks scenario files (all of
 * scenarios/ when none is named). Prints one line per problem
 * (`file:line path: message`) and exits 1 when any file is invalid.
 */
import { resolve } from "node:path";
import { ScenarioFileError, loadScenarioFile, scenarioFiles } from "../../scenarios/load";

export async function run(argv: string[]): Promise<number> {
  const unknownFlag = argv.find((a) => a.startsWith("-"));
  if (unknownFlag) {
    console.error(`error: unknown option "${unknownFlag}" (usage: validate [FILES...])`);
    return 2;
  }
  const files = argv.length > 0 ? argv.map((f) => resolve(f)) : scenarioFiles();
  if (files.length === 0) {
    console.error("error: no scenario files found");
    return 1;
  }
  let bad = 0;
  for (const file of files) {
    try {
      const scenario = loadScenarioFile(file);
      console.log(`ok ${scenario.id} (${file.replace(process.cwd() + "/", "")})`);
    } catch (err) {
      bad++;
      if (err instanceof ScenarioFileError) for (const line of err.problems) console.error(line);
      else console.error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (bad > 0) {
    console.error(`${bad} of ${files.length} file${files.length > 1 ? "s" : ""} invalid`);
    return 1;
  }
  return 0;
}
