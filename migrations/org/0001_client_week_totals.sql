CREATE TABLE `client_week_totals` (
	`client_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`week_start` text NOT NULL,
	`ad_spend_cents` integer NOT NULL,
	`sales_cents` integer NOT NULL,
	`target_weighted` integer NOT NULL,
	`target_spend_cents` integer NOT NULL,
	PRIMARY KEY(`client_id`, `channel_id`, `week_start`)
);
--> statement-breakpoint
CREATE INDEX `client_week_totals_week_idx` ON `client_week_totals` (`week_start`);--> statement-breakpoint
INSERT INTO `client_week_totals`
SELECT cc.client_id, cc.channel_id, wm.week_start, sum(wm.ad_spend_cents), sum(wm.sales_cents),
  coalesce(sum(c.target_roas_milli * wm.ad_spend_cents), 0),
  coalesce(sum(CASE WHEN c.target_roas_milli IS NOT NULL THEN wm.ad_spend_cents END), 0)
FROM weekly_metrics wm
JOIN campaigns c ON c.id = wm.campaign_id
JOIN campaign_groups g ON g.id = c.campaign_group_id
JOIN client_channels cc ON cc.id = g.client_channel_id
GROUP BY cc.client_id, cc.channel_id, wm.week_start;
