/** Runs the CLI as a real subprocess (as a user would) and captures its output. */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `env` adds to (or overrides) an offline environment: every LLM variable cleared. */
export function runCli(args: string[], input?: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // tsx as a loader of one node process (what `tsx app/cli.ts` runs, without its launcher process in front).
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "app", "cli.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "", CUSTOMER_MODEL: "", JUDGE_MODEL: "", NO_COLOR: "1", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}
