CREATE TABLE `alert_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`rules` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `alerts` ADD `notified_at` integer;--> statement-breakpoint
-- Alerts opened before mail existed are not mailed now, weeks later.
UPDATE `alerts` SET `notified_at` = `opened_at`;