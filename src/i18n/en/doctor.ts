/** `junmai-sync doctor`. */
export const doctorMessages = {
  "doctor.pathsHeader":
    "Paths (relative ones in a config resolve against its folder; with no config, under ./var):",
} as const;
