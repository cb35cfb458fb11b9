import "./zod-messages";
import { z } from "zod";

/** What the connection test saw when it passed: kept on the record and returned by setup and resume. */
export const ConnectivityEvidence = z.object({
  bgpSessionState: z.string().optional(),
  connectionStatus: z.string().optional(),
  azureLearnedPrefixes: z.object({ primary: z.array(z.string()), secondary: z.array(z.string()) }),
  arpNeighbours: z.object({ primary: z.array(z.string()), secondary: z.array(z.string()) }),
  ociLearnedPrefixes: z.array(z.string()),
  checkedAt: z.string(),
});
export type ConnectivityEvidence = z.infer<typeof ConnectivityEvidence>;
