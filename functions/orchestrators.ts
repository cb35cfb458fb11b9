import * as df from "durable-functions";
import {
  RESIZE_ORCHESTRATOR,
  RESUME_ORCHESTRATOR,
  SETUP_ORCHESTRATOR,
  SUSPEND_ORCHESTRATOR,
  TEARDOWN_ORCHESTRATOR,
  UPDATE_ORCHESTRATOR,
} from "../shared/domain/lifecycle";
import { HEALTH_SWEEP_ORCHESTRATOR } from "../shared/domain/health";
import { VPN_CLIENT_PACKAGE_ORCHESTRATOR, VPN_ROTATE_ORCHESTRATOR, VPN_SETUP_ORCHESTRATOR, VPN_TEARDOWN_ORCHESTRATOR } from "../shared/domain/vpn-link-record";
import { vpnClientPackageOrchestrator } from "../orchestrations/vpn/p2s";
import { vpnRotateOrchestrator, vpnTeardownOrchestrator } from "../orchestrations/vpn/operate";
import { vpnSetupOrchestrator } from "../orchestrations/vpn/setup";
import { healthSweepOrchestrator } from "../orchestrations/health/orchestrator";
import { resizeOrchestrator } from "../orchestrations/resize/orchestrator";
import { resumeOrchestrator, suspendOrchestrator } from "../orchestrations/routes/orchestrator";
import { setupOrchestrator } from "../orchestrations/setup/orchestrator";
import { teardownOrchestrator } from "../orchestrations/teardown/orchestrator";
import { updateOrchestrator } from "../orchestrations/update/orchestrator";

df.app.orchestration(SETUP_ORCHESTRATOR, setupOrchestrator);
df.app.orchestration(TEARDOWN_ORCHESTRATOR, teardownOrchestrator);
df.app.orchestration(RESIZE_ORCHESTRATOR, resizeOrchestrator);
df.app.orchestration(SUSPEND_ORCHESTRATOR, suspendOrchestrator);
df.app.orchestration(RESUME_ORCHESTRATOR, resumeOrchestrator);
df.app.orchestration(UPDATE_ORCHESTRATOR, updateOrchestrator);
df.app.orchestration(HEALTH_SWEEP_ORCHESTRATOR, healthSweepOrchestrator);
df.app.orchestration(VPN_SETUP_ORCHESTRATOR, vpnSetupOrchestrator);
df.app.orchestration(VPN_TEARDOWN_ORCHESTRATOR, vpnTeardownOrchestrator);
df.app.orchestration(VPN_ROTATE_ORCHESTRATOR, vpnRotateOrchestrator);
df.app.orchestration(VPN_CLIENT_PACKAGE_ORCHESTRATOR, vpnClientPackageOrchestrator);
