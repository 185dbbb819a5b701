CREATE TABLE `org_display` (
	`id` integer PRIMARY KEY NOT NULL,
	`number_format` text NOT NULL,
	`currency` text NOT NULL
);
