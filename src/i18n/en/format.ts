/** Units written out by the translator's formats (durations). */
export const formatMessages = {
  "format.seconds": "{s}s",
  "format.minutesSeconds": "{m}m{s}s",
  "format.hoursMinutes": "{h}h{m}m",
} as const;
