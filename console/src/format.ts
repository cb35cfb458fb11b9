// How times and states read on the page.

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "3 min ago" from an ISO time (the server's clock; the dev stack's runs faster than the wall clock). */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "never";
  const at = Date.parse(iso);
  return Number.isFinite(at) ? `${duration(now - at)} ago` : iso;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return "";
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

export function bandwidth(mbps: number | undefined): string {
  if (mbps === undefined) return "?";
  return mbps >= 1000 ? `${mbps / 1000} Gbps` : `${mbps} Mbps`;
}

/** Tone of a state or verdict, for its badge: good, warn, bad, busy or idle. */
export function tone(value: string | null | undefined): string {
  switch ((value ?? "").toLowerCase()) {
    case "active":
    case "healthy":
    case "succeeded":
    case "up":
    case "accepted":
      return "good";
    case "degraded":
    case "suspended":
    case "rolledback":
    case "skipped":
    case "compensated":
      return "warn";
    case "failed":
    case "down":
    case "rejected":
      return "bad";
    case "provisioning":
    case "updating":
    case "tearingdown":
    case "running":
    case "pending":
      return "busy";
    default:
      return "idle";
  }
}
