"use strict";

// Two interop servers started with --redis form one cluster: clients on either node reach each other.

const { describeScaleOut } = require("../lib/scale-out-suite");
const { useRedis, unavailableReason } = require("../lib/redis-server");

describeScaleOut({ name: "one Redis", skip: unavailableReason(), useBackplane: useRedis, option: "--redis" });
