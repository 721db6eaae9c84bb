/**
 * When a process started, as an opaque string that is equal for the same process and differs
 * for a later process that got the same PID. Lets a lock file tell "its holder still runs" from
 * "another program now has that PID" — PIDs are reused, sometimes within seconds.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** undefined where the system cannot say (the process is gone, or no tool answered). */
export function processStartTime(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (process.platform === "linux") return linuxStartTime(pid);
  if (process.platform === "win32") return windowsStartTime(pid);
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

/** Windows: the creation time in ticks, from PowerShell (slow, ~1 s, but only asked when a lock is found). */
function windowsStartTime(pid: number): string | undefined {
  try {
    const ticks = execFileSync(
      "powershell.exe",
      [
        "-NoProfile",
        "-NonInteractive",
        "-Command",
        `(Get-Process -Id ${pid}).StartTime.ToUniversalTime().Ticks`,
      ],
      { encoding: "utf8", timeout: 15_000, windowsHide: true, stdio: ["ignore", "pipe", "ignore"] },
    ).trim();
    return /^\d+$/.test(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}
