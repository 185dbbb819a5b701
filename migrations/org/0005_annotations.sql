CREATE TABLE `annotations` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`week_start` text NOT NULL,
	`text` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `annotations_client_week_idx` ON `annotations` (`client_id`,`week_start`);