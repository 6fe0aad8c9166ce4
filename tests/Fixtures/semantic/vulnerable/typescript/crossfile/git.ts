import { execSync } from "node:child_process";

export function runGit(args: string): string {
  return execSync("git " + args).toString(); // EXPECT: MCP-TAINT-CMD-001
}
