/** Where the queue lives (`store`): the embedded SQLite file, or PostgreSQL shared by a studio. */
import * as z from "zod";

export const storeSchema = z
  .discriminatedUnion("type", [
    z
      .strictObject({ type: z.literal("sqlite") })
      .describe("The embedded queue: queue.db in the data directory."),
    z
      .strictObject({
        type: z.literal("postgres"),
        url: z
          .string()
          .min(1)
          .describe(
            "postgres://user@host:5432/database; keep the password in PGPASSWORD or ~/.pgpass rather than here.",
          ),
        schema: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: "must be a lower-case SQL identifier" })
          .default("junmai_sync")
          .describe("PostgreSQL schema holding the queue's tables; several queues can share one database."),
      })
      .describe("A queue shared by several machines (a studio)."),
  ])
  .describe("Where the queue lives. Default: JUNMAI_SYNC_PG_URL if set, else SQLite.");
