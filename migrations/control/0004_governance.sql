CREATE TABLE `control_audit` (
	`id` integer PRIMARY KEY NOT NULL,
	`org_id` text,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`actor_label` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`client_id` text,
	`before` text,
	`after` text,
	`country` text,
	`user_agent` text
);
--> statement-breakpoint
CREATE INDEX `control_audit_org_at_idx` ON `control_audit` (`org_id`,`at`);--> statement-breakpoint
CREATE INDEX `control_audit_actor_at_idx` ON `control_audit` (`actor_id`,`at`);--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `clients` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `clients` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `logo` text;--> statement-breakpoint
ALTER TABLE `team_members` ADD `clients` text;