CREATE TABLE `poc_criteria` (
	`client_channel_id` text PRIMARY KEY NOT NULL,
	`start_week` text NOT NULL,
	`min_weeks` integer NOT NULL,
	`max_weeks` integer NOT NULL,
	`min_spend_cents` integer NOT NULL,
	`target_roas_milli` integer,
	`weekly_budget_cents` integer,
	`updated_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`client_channel_id`) REFERENCES `client_channels`(`id`) ON UPDATE no action ON DELETE cascade
);
