import type { doctorMessages as en } from "../en/doctor.js";

export const doctorMessages = {
  "doctor.description": "rclone、設定、データフォルダー、キューのデータベース、すべての保存先を確認します。",
  "doctor.config": "設定",
  "doctor.rclone": "rclone",
  "doctor.dataDir": "データフォルダー",
  "doctor.queueDatabase": "キューのデータベース",
  "doctor.destination": "保存先 {name}",
  "doctor.configEmbedded.one": "組み込みの既定値（{path} にファイルなし）。保存先 {count} 件",
  "doctor.configEmbedded.other": "組み込みの既定値（{path} にファイルなし）。保存先 {count} 件",
  "doctor.configFile.one": "{source}。保存先 {count} 件",
  "doctor.configFile.other": "{source}。保存先 {count} 件",
  "doctor.notWritable": "{path} に書き込めません。",
  "doctor.writable": "{path}（書き込み可）",
  "doctor.jobs.one": "{store}。ジョブ {count} 件",
  "doctor.jobs.other": "{store}。ジョブ {count} 件",
  "doctor.verifyHash": "サイズ + ハッシュ（{hashes}）",
  "doctor.verifySize": "サイズ",
  "doctor.reachable": "接続できます{where}（{ms} ms。{verify}で検証）",
  "doctor.unreachable": "接続できません{where}",
  "doctor.pathsHeader":
    "パス（設定にある相対パスは設定ファイルのフォルダーから、設定がなければ ./var の下から解決します）:",
} as const satisfies Record<keyof typeof en, string>;
