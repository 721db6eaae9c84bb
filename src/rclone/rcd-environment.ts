/**
 * What the managed `rclone rcd` inherits. rclone 1.60's S3 backend fails every call when
 * `AWS_CA_BUNDLE` is set — even to a valid PEM bundle (`LoadCustomCABundleError … transport
 * unsupported type`) — and many machines set it for other tools. So the rcd never inherits it;
 * the same bundle is handed to rclone with its own `--ca-cert`, which every backend honours.
 */
import { existsSync } from "node:fs";

export interface RcdEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly args: readonly string[];
}

export function rcdEnvironment(parent: NodeJS.ProcessEnv): RcdEnvironment {
  const { AWS_CA_BUNDLE: bundle, ...env } = parent;
  if (bundle === undefined || bundle.trim() === "") return { env, args: [] };
  // rclone's own setting wins; a bundle that is not there would only make rclone refuse to start.
  const ownCaCert = parent.RCLONE_CA_CERT !== undefined && parent.RCLONE_CA_CERT !== "";
  return { env, args: ownCaCert || !existsSync(bundle) ? [] : ["--ca-cert", bundle] };
}
