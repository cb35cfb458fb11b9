import { type TunnelTransition } from "./vpn-state";

/**
 * Replays a tunnel journal (admin `vpnJournal`) that starts with every listed tunnel UP: the moments when all of them
 * were DOWN at once, which a rotation one tunnel at a time must never produce.
 */
export function momentsAllDown(journal: TunnelTransition[], tunnelIds: string[]): string[] {
  const status = new Map<string, string>(tunnelIds.map((id) => [id, "UP"]));
  const moments: string[] = [];
  for (const entry of journal) {
    const id = entry.link.ociTunnelId;
    if (!id || !tunnelIds.includes(id)) continue;
    status.set(id, entry.to?.status ?? "DOWN");
    if (tunnelIds.every((tunnel) => status.get(tunnel) === "DOWN")) moments.push(entry.at);
  }
  return moments;
}
