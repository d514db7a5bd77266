import { useEffect, useState } from 'react';
import { IdleCountdown } from '../components/IdleCountdown';
import { idleNow } from '../flows/idle';
import { useT } from '../i18n/use-t';
import { useSession } from '../stores/hooks';
import { selectCountdownEndsAt, selectIdlePhase, sessionStore } from '../stores/session-store';

/** Shows the idle countdown while the session store says one runs. */
export function IdleLayer({ countdownSeconds }: { countdownSeconds: number }) {
  const phase = useSession(selectIdlePhase);
  const endsAt = useSession(selectCountdownEndsAt);
  if (phase !== 'countdown') return null;
  return <Countdown endsAt={endsAt} totalSeconds={countdownSeconds} />;
}

function Countdown({ endsAt, totalSeconds }: { endsAt: number; totalSeconds: number }) {
  const t = useT();
  const [now, setNow] = useState(idleNow);

  useEffect(() => {
    const timer = setInterval(() => setNow(idleNow()), 200);
    return () => clearInterval(timer);
  }, []);

  const secondsLeft = Math.max(0, (endsAt - now) / 1000);
  return (
    <IdleCountdown
      secondsLeft={secondsLeft}
      totalSeconds={totalSeconds}
      title={t('idle.title')}
      body={t('idle.body', { seconds: Math.ceil(secondsLeft) })}
      continueLabel={t('idle.continue')}
      onContinue={() => sessionStore.getState().idleContinued(idleNow())}
    />
  );
}
