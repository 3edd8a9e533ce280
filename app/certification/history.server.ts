/** What /train/history adds for certification (issue 12): the trainee's own tracks and their most missed checkpoints. */
import { assignedTracksOf, mostMissedCheckpoints } from "../progress/certification.server";

export async function loadHistoryExtras(userId: string, orgId: string) {
  const [assigned, missed] = await Promise.all([
    assignedTracksOf(userId, orgId),
    mostMissedCheckpoints(orgId, { userId, limit: 3 }),
  ]);
  return { assigned, missed };
}
