#!/usr/bin/env node
/**
 * Command-line entry: `npm run --silent cli -- <command> [...]`.
 * Each command lives in app/cli/<command>.ts and exports `run(argv): Promise<number>` (the exit code).
 */
const COMMANDS: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  validate: () => import("./cli/validate"),
  play: () => import("./cli/play"),
  moves: () => import("./cli/moves"),
  score: () => import("./cli/score"),
  operator: () => import("./cli/operator"),
};

const USAGE = `Usage: npm run --silent cli -- <command> [options]

Commands:
  validate [FILES...]                     check scenario files (all when none named)
  play <scenario> [--locale en|fr] [--answer-after-rings N] [--lines FILE] [--json] [--engine scripted|llm]
  moves [--locale en|fr] (TEXT | --file FILE)
  score --transcript FILE [--judge heuristic|llm] [--json]
  operator grant|revoke EMAIL | operator list   platform operators (decision 100)`;

async function main(): Promise<number> {
  const [command, ...argv] = process.argv.slice(2);
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const load = COMMANDS[command];
  if (!load) {
    console.error(`error: unknown command "${command}" (expected one of: ${Object.keys(COMMANDS).join(", ")})`);
    return 2;
  }
  const mod = await load();
  return mod.run(argv);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
