import { sql } from "drizzle-orm";
import { integer, text } from "drizzle-orm/sqlite-core";

/**
 * Column helpers shared by both planes. Ids are random (122 bits from a CSPRNG), never
 * sequential, so an id can neither be guessed nor collide with another org's.
 */
export const newId = (): string => crypto.randomUUID();

export const id = () => text("id").primaryKey().$defaultFn(newId);

/** Milliseconds since the epoch, stored as an integer. */
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

export const createdAt = () =>
  timestamp("created_at").notNull().default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

/** Optimistic-concurrency counter: every write to the row bumps it by one. */
export const version = () => integer("version").notNull().default(1);
