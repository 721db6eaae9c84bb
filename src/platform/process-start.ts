/**
 * When a process started, as an opaque string that is equal for the same process and differs
 * for a later process that got the same PID. Lets a lock file tell "its holder still runs" from
 * "another program now has that PID" — PIDs are reused, sometimes within seconds.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** undefined where the system cannot say (Windows, or the process is gone). */
export function processStartTime(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (process.platform === "linux") return linuxStartTime(pid);
  if (process.platform === "win32") return undefined;
  try {
    // macOS and the BSDs: the start time to the second, e.g. "Tue Dec  1 09:12:44 2026".
    const started = execFileSync("ps", ["-o", "lstart=", "-p", String(pid)], {
      encoding: "utf8",
      timeout: 5_000,
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return started === "" ? undefined : started;
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat: clock ticks since boot; the name field may hold spaces and ")". */
function linuxStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the name: state is field 3, so starttime (22) is index 19.
    return fields[19];
  } catch {
    return undefined;
  }
}
