import type { bandwidthMessages as en } from "../en/bandwidth.js";

export const bandwidthMessages = {
  "bandwidth.rateHint":
    '速度は 512K、20M、1.5G のように書いてください（rclone と同じく毎秒の KiB、MiB、GiB。数字だけなら KiB/s）。160Mbit や 160Mbps のようにメガビットでも書けます（= 20 MB/s ≈ 19.1 MiB/s）。off で制限なし。時間割は "HH:MM,速度 HH:MM,速度 …" で、曜日ごとなら時刻の前に曜日を付けます（"Mon-08:00,2M Sat-00:00,off"）。',
  "bandwidth.negative": "速度にマイナスは指定できません",
  "bandwidth.perSecond":
    '速度は "/s" を付けずに書いてください: "{number}{unit}" は {number} {unit}iB/s（rclone と同じ 2 進）、"{bits}{unit}bit" は {number} {unit}B/s です',
  "bandwidth.notRate": "「{text}」は速度ではありません",
  "bandwidth.notTime": "「{text}」は時刻（00:00〜23:59）ではありません",
  "bandwidth.liveUsage":
    "512K、2M、1.5G、160Mbit のような速度、または off か auto を指定してください（指定値: `{rate}`）。",
  "bandwidth.liveHint":
    "K、M、G は rclone と同じく毎秒の KiB、MiB、GiB です（数字だけなら KiB/s）。Mbit は毎秒のメガビット。auto で設定ファイルの帯域制限に戻ります。",
  "bandwidth.limitNow": "制限 {limit} · いま {now}",
  "bandwidth.limitShared": "制限 {limit}（全体の制限を分け合って {share}）· いま {now}",
  "bandwidth.idle": "制限 {limit} · 停止中",
  "bandwidth.noLimitNow": "制限なし · いま {now}",
} as const satisfies Record<keyof typeof en, string>;
