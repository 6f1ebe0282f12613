import type { Translate } from '../i18n';
import type { ConnectionStatus } from '../state';
import type { Overload } from '../types';

/** The delay the overload banner states, in seconds: one decimal under 10 s (0.3, 2.5), whole seconds above. */
export function overloadSeconds(lagMs: number): string {
  const seconds = Math.max(0, lagMs) / 1000;
  return seconds < 9.95 ? seconds.toFixed(1) : String(Math.round(seconds));
}

/**
 * Warnings across the top: the console's own connection (red), the PBX link (amber) and Cuecard's overload (amber:
 * call events arrive late, maybe some were lost).
 */
export function Banners({
  connection,
  pbxConnected,
  overload,
  t,
}: {
  connection: ConnectionStatus;
  pbxConnected: boolean;
  overload?: Overload;
  t: Translate;
}) {
  return (
    <>
      {connection === 'down' && (
        <div className="banner banner-error" role="alert" data-testid="banner-disconnected">
          {t('banner.disconnected')}
        </div>
      )}
      {!pbxConnected && (
        <div className="banner banner-warn" role="alert" data-testid="banner-pbx">
          {t('banner.pbx')}
        </div>
      )}
      {overload?.active && (
        <div className="banner banner-warn" role="alert" data-testid="banner-overload">
          {t('banner.overload', { seconds: overloadSeconds(overload.lagMs) })}
          {overload.dropped > 0 && <> {t('banner.overloadDropped', { count: overload.dropped })}</>}
        </div>
      )}
    </>
  );
}
