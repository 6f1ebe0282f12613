import type { Translate } from '../i18n';
import type { ConnectionStatus } from '../state';

/** Warnings across the top: the console's own connection (red) and the PBX link (amber). */
export function Banners({ connection, pbxConnected, t }: { connection: ConnectionStatus; pbxConnected: boolean; t: Translate }) {
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
    </>
  );
}
