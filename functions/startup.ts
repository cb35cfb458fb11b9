// Imported first by the entry point: settings are parsed and cross-checked before any function registers, so a
// bad one stops the app at load (the dev host exits with the line; Azure's worker reports it as the load error)
// instead of surfacing later in every request or timer tick.
import { settings } from "../shared/config/settings";

settings();
