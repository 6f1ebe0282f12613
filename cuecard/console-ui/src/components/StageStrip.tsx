import type { Translate } from '../i18n';
import { STAGES, type StageEntry, type StageCode } from '../types';

/** The call's stages in order, the current one highlighted and the visited ones marked. */
export function StageStrip({ stage, visited, t }: { stage: StageCode; visited: StageEntry[]; t: Translate }) {
  const seen = new Set(visited.map((entry) => entry.stage));
  return (
    <ol className="stage-strip" aria-label={t('call.stages')}>
      {STAGES.map((code) => {
        const current = code === stage;
        const className = ['stage-step', current ? 'current' : '', !current && seen.has(code) ? 'visited' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <li
            key={code}
            className={className}
            aria-current={current ? 'step' : undefined}
            data-testid={current ? 'stage' : undefined}
            data-stage={current ? code : undefined}
          >
            {t(`stage.${code}`)}
          </li>
        );
      })}
    </ol>
  );
}
