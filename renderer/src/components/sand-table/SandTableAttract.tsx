import { useEffect } from 'react';
import { registerAttractPlayer } from '../../flows/attract';
import { createAttractTourPlayer } from '../../flows/sand-table-tour';
import { SandTableScreen } from '../../screens/SandTableScreen';

/**
 * The sand table as the attract screen's backdrop: while it is mounted, the attract loop plays
 * the pack's tours on it (narration and subtitles included), round and round. Not interactive:
 * the attract screen takes the first touch and stops the loop, which stops the tour.
 */
export function SandTableAttract() {
  useEffect(() => registerAttractPlayer(createAttractTourPlayer()), []);
  return (
    <div className="sand-attract" aria-hidden="true" data-testid="sand-attract">
      <SandTableScreen interactive={false} />
    </div>
  );
}
