import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

export { schema };

/** An org database handle or a transaction on it (durable-sqlite is synchronous). */
export type OrgSql = BaseSQLiteDatabase<"sync", SqlStorageCursor<Record<string, SqlStorageValue>>, typeof schema>;
