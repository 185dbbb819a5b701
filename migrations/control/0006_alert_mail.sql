CREATE TABLE `sent_mail` (
	`id` integer PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sent_mail_once_idx` ON `sent_mail` (`org_id`,`user_id`,`kind`,`period`);--> statement-breakpoint
CREATE INDEX `sent_mail_org_idx` ON `sent_mail` (`org_id`,`sent_at`);--> statement-breakpoint
ALTER TABLE `team_members` ADD `alert_mail` text DEFAULT 'daily' NOT NULL;--> statement-breakpoint
ALTER TABLE `team_members` ADD `summary_mail` integer DEFAULT true NOT NULL;