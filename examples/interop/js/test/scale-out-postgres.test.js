"use strict";

// Two interop servers started with --postgres on one database form one cluster: clients on either node reach each
// other through the SQL backplane's tables.

const { describeScaleOut } = require("../lib/scale-out-suite");
const { usePostgres, unavailableReason } = require("../lib/postgres-server");

describeScaleOut({ name: "one PostgreSQL", skip: unavailableReason(), useBackplane: usePostgres, option: "--postgres" });
