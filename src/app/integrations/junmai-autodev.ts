/**
 * Junmai AutoDev (the seed's Python pipeline): nothing to install — a section for its config and
 * a short Python function that replaces CloudSyncManager.upload_file. It posts to the running
 * daemon's API (`POST /api/v1/uploads`, its address from server.json and the token from
 * api-token in the data dir) and, when no daemon answers, queues through the CLI instead, so
 * an export is never lost because the daemon was down.
 */
import { t } from "../../i18n/message.js";
import type { IntegrationPlan } from "./integration-plan.js";
import type { UploadCall } from "./upload-call.js";

export function junmaiAutodevPlan(call: UploadCall, dataDir: string): IntegrationPlan {
  const section = {
    cloud_sync: { enabled: false },
    junmai_sync: {
      data_dir: dataDir,
      to: call.to,
      subpath: call.subpath ?? null,
      command: [call.node, call.cli, ...call.globalArgs],
    },
  };
  return {
    folder: dataDir,
    files: [],
    after: [],
    text: [
      t("integrate.autodevConfig"),
      JSON.stringify(section, null, 2),
      "",
      t("integrate.autodevSnippet"),
      PYTHON_SNIPPET,
      t("integrate.watchAlternative"),
    ],
  };
}

export const PYTHON_SNIPPET = `import json
import pathlib
import subprocess
import urllib.error
import urllib.request


def queue_upload(settings, paths, batch):
    """Queue exported files with junmai-sync; returns at once (the daemon uploads).

    settings: the "junmai_sync" section of the config. Raises on bad input.
    """
    data_dir = pathlib.Path(settings["data_dir"])
    files = [str(pathlib.Path(p).resolve()) for p in paths]
    body = {"paths": files, "batchName": batch}
    if settings.get("to"):
        body["to"] = settings["to"]
    if settings.get("subpath"):
        body["subpath"] = settings["subpath"]
    try:
        url = json.loads((data_dir / "server.json").read_text("utf-8"))["url"]
        token = (data_dir / "api-token").read_text("utf-8").strip()
        request = urllib.request.Request(
            url + "/api/v1/uploads",
            data=json.dumps(body).encode("utf-8"),
            method="POST",
            headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError:
        raise  # the daemon answered and refused: the error names the problem
    except (OSError, KeyError, ValueError):
        pass  # no daemon listening: queue through the CLI; the daemon takes the jobs when it starts
    args = [*settings["command"], "upload", "--from-stdin", "--json", "--batch", batch]
    for name in settings.get("to") or []:
        args += ["--to", name]
    if settings.get("subpath"):
        args += ["--subpath", settings["subpath"]]
    done = subprocess.run(args, input="\\0".join(files).encode("utf-8"), capture_output=True, check=True)
    return json.loads(done.stdout)


# in export_and_upload(photo_id), after export_engine.process_export_job(...):
#     queue_upload(config["junmai_sync"], [export_job.output_path], batch=f"AutoDev {session_name}")
`;
