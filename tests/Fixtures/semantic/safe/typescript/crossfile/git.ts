import { execFileSync } from "node:child_process";

export function runGit(args: string[]): string {
  return execFileSync("git", ["--", ...args]).toString();
}
