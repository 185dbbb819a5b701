DROP TABLE `client_roles`;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `actor_label` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `client_id` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `cell_key` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `import_id` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `country` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `user_agent` text;--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_client_at_idx` ON `audit_log` (`client_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_cell_idx` ON `audit_log` (`cell_key`);--> statement-breakpoint
CREATE INDEX `audit_log_import_idx` ON `audit_log` (`import_id`);--> statement-breakpoint
-- Rows written before this migration: a week's numbers get their cell key, and every row whose
-- entity still exists gets its client, so histories and a limited member's audit view include them.
UPDATE `audit_log` SET `cell_key` = json_extract(coalesce(`after`, `before`), '$.campaignId') || ':' ||
  json_extract(coalesce(`after`, `before`), '$.weekStart') WHERE `entity` = 'metric';--> statement-breakpoint
UPDATE `audit_log` SET `client_id` = CASE `entity`
  WHEN 'client' THEN `entity_id`
  WHEN 'clientChannel' THEN (SELECT `client_id` FROM `client_channels` WHERE `id` = `entity_id`)
  WHEN 'campaignGroup' THEN (SELECT cc.`client_id` FROM `campaign_groups` g
    JOIN `client_channels` cc ON cc.`id` = g.`client_channel_id` WHERE g.`id` = `entity_id`)
  WHEN 'campaign' THEN (SELECT cc.`client_id` FROM `campaigns` c JOIN `campaign_groups` g ON g.`id` = c.`campaign_group_id`
    JOIN `client_channels` cc ON cc.`id` = g.`client_channel_id` WHERE c.`id` = `entity_id`)
  WHEN 'metric' THEN (SELECT cc.`client_id` FROM `campaigns` c JOIN `campaign_groups` g ON g.`id` = c.`campaign_group_id`
    JOIN `client_channels` cc ON cc.`id` = g.`client_channel_id`
    WHERE c.`id` = json_extract(coalesce(`after`, `before`), '$.campaignId'))
  WHEN 'annotation' THEN json_extract(coalesce(`after`, `before`), '$.clientId')
  WHEN 'poc' THEN (SELECT `client_id` FROM `client_channels` WHERE `id` = `entity_id`)
END;
