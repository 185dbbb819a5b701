CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text,
	`actor` text NOT NULL,
	`actor_label` text,
	`at` integer NOT NULL,
	`changed` integer DEFAULT 0 NOT NULL,
	`undone_at` integer,
	`undone_by` text
);
