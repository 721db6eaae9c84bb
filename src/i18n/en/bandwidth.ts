/** Bandwidth limits: reading rates, and what `status` shows of them. */
export const bandwidthMessages = {
  "bandwidth.rateHint":
    'Write a rate like 512K, 20M or 1.5G (KiB, MiB, GiB per second, as in rclone; a bare number is KiB/s), in megabits like 160Mbit or 160Mbps (= 20 MB/s ≈ 19.1 MiB/s), or off. A timetable is "HH:MM,RATE HH:MM,RATE …", with a day before a time for weekly ones ("Mon-08:00,2M Sat-00:00,off").',
  "bandwidth.negative": "a rate cannot be negative",
  "bandwidth.perSecond":
    'write the rate without "/s": "{number}{unit}" is {number} {unit}iB/s (binary, as in rclone), "{bits}{unit}bit" is {number} {unit}B/s',
  "bandwidth.notRate": '"{text}" is not a rate',
  "bandwidth.notTime": '"{text}" is not a time of day (00:00 to 23:59)',
  "bandwidth.liveUsage": "Expected a rate like 512K, 2M, 1.5G or 160Mbit, or off or auto; got `{rate}`.",
  "bandwidth.liveHint":
    "K, M, G are KiB, MiB, GiB per second, as in rclone (a bare number is KiB/s); Mbit is megabits per second; auto goes back to the config's bandwidth.",
  "bandwidth.limitNow": "{limit} limit · {now} now",
  "bandwidth.limitShared": "{limit} limit ({share} in force, sharing the global limit) · {now} now",
  "bandwidth.idle": "{limit} limit · idle",
  "bandwidth.noLimitNow": "no limit · {now} now",
} as const;
