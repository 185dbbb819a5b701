CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`actor` text NOT NULL,
	`payload_hash` text NOT NULL,
	`events` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_at_idx` ON `idempotency_keys` (`at`);--> statement-breakpoint
DROP INDEX `events_mutation_idx`;--> statement-breakpoint
ALTER TABLE `events` DROP COLUMN `mutation_id`;