/** `junmai-sync repair`. */
export const repairMessages = {
  "repair.description":
    "Recover a damaged queue database: keep it aside in the data dir, copy every readable job into a fresh one.",
} as const;
