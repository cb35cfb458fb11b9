// Entry point named by package.json "main": importing a module registers its functions with the host.
import "./orchestrators";
import "./activities/inventory";
import "./http/interconnects";
import "./http/openapi";
import "./activities/events";
import "./queue/requests";
import "./http/policies";
import "./timer/health";
import "./activities/network";
import "./activities/health";
import "./http/health";
