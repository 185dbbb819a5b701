import journal from "./meta/_journal.json";
import m0000 from "./0000_init.sql";
import m0001 from "./0001_client_week_totals.sql";
import m0002 from "./0002_dashboard_covering_indexes.sql";
import m0003 from "./0003_idempotency_keys.sql";
import m0004 from "./0004_poc_criteria.sql";
import m0005 from "./0005_annotations.sql";
import m0006 from "./0006_governance.sql";
import m0007 from "./0007_imports.sql";
import m0008 from "./0008_alerts.sql";
import m0009 from "./0009_alert_rules.sql";
import m0010 from "./0010_org_display.sql";

export default {
  journal,
  migrations: {
    m0000,
    m0001,
    m0002,
    m0003,
    m0004,
    m0005,
    m0006,
    m0007,
    m0008,
    m0009,
    m0010,
  },
};
