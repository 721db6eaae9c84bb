/**
 * An rclone `s3` remote's settings as the AWS SDK takes them: endpoint, region, path style,
 * keys (from the remote, or the environment with `env_auth`), bucket and key prefix. Settings
 * we cannot honour the way rclone would come back as a reason, and rclone does the upload.
 */
import type { S3ClientConfig } from "@aws-sdk/client-s3";
import type { RemoteSettings } from "../remote-settings.js";

export interface S3Target {
  readonly client: S3ClientConfig;
  readonly bucket: string;
  /** Key prefix inside the bucket ("" or ending in "/"). */
  readonly prefix: string;
  readonly storageClass: string | null;
  readonly acl: string | null;
}

/** Providers rclone reaches in virtual-host style unless told otherwise. */
const VIRTUAL_HOST_PROVIDERS = new Set(["AWS", "Alibaba", "Netease", "TencentCOS"]);

/** Settings that change what an upload is in ways our client does not reproduce. */
const UNSUPPORTED = ["sse_customer_key", "sse_customer_key_base64", "sse_kms_key_id", "v2_auth"];

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(true|1|yes)$/i.test(value);
}

export function s3Target(remote: RemoteSettings): S3Target | string {
  const settings = remote.settings;
  for (const key of UNSUPPORTED) {
    if ((settings[key] ?? "") !== "" && settings[key] !== "false")
      return `the setting ${key} is not supported`;
  }
  if ((settings.server_side_encryption ?? "") !== "") return "server_side_encryption is not supported";
  const [bucket = "", ...rest] = remote.path.replace(/^\/+/, "").split("/");
  if (bucket === "") return "no bucket in the remote path";
  const keyPath = rest.filter((part) => part !== "").join("/");
  const accessKeyId = settings.access_key_id ?? "";
  const secretAccessKey = settings.secret_access_key ?? "";
  const envAuth = truthy(settings.env_auth);
  if ((accessKeyId === "" || secretAccessKey === "") && !envAuth) {
    return "no access_key_id/secret_access_key and env_auth is off";
  }
  const provider = settings.provider ?? "AWS";
  const forcePathStyle =
    settings.force_path_style === undefined
      ? !VIRTUAL_HOST_PROVIDERS.has(provider)
      : truthy(settings.force_path_style);
  let endpoint = settings.endpoint ?? "";
  if (endpoint !== "" && !/^https?:\/\//i.test(endpoint)) endpoint = `https://${endpoint}`;
  const region = settings.region !== undefined && settings.region !== "" ? settings.region : "us-east-1";
  const client: S3ClientConfig = {
    region,
    forcePathStyle,
    ...(endpoint === "" ? {} : { endpoint }),
    ...(accessKeyId !== "" && secretAccessKey !== ""
      ? {
          credentials: {
            accessKeyId,
            secretAccessKey,
            ...(settings.session_token ? { sessionToken: settings.session_token } : {}),
          },
        }
      : {}),
    // With the SDK's default, some S3-compatible servers store the aws-chunked framing inside
    // the object (silently corrupt): checksums only where an operation requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // Our retry layer owns retries; the SDK may repeat a request once, as rclone's low-level retries do.
    maxAttempts: 2,
  };
  return {
    client,
    bucket,
    prefix: keyPath === "" ? "" : `${keyPath}/`,
    storageClass:
      settings.storage_class !== undefined && settings.storage_class !== "" ? settings.storage_class : null,
    acl: settings.acl !== undefined && settings.acl !== "" ? settings.acl : null,
  };
}
