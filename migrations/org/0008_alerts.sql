CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`client_id` text NOT NULL,
	`client_channel_id` text,
	`campaign_group_id` text,
	`campaign_id` text,
	`since` text NOT NULL,
	`message` text NOT NULL,
	`opened_at` integer NOT NULL,
	`resolved_at` integer,
	`muted_until` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_channel_id`) REFERENCES `client_channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_group_id`) REFERENCES `campaign_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_key_unique` ON `alerts` (`key`);--> statement-breakpoint
CREATE INDEX `alerts_status_idx` ON `alerts` (`status`,`client_id`);