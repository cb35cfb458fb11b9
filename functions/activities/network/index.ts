// Importing these modules registers every network activity with the Functions host.
import "./preflight";
import "./security";
import "./circuits";
import "./routing";
import "./teardown";
