import { useMemo } from 'react';
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { localize } from '../../../../electron/shared/pack-schema';
import { Markdown } from '../Markdown';
import { aboutGroups } from './about-entries';

export type AboutPanelProps = {
  manifest: PackManifest;
  language: string;
  labels: {
    title: string;
    credits: string;
    licences: string;
    source: string;
    sandTable: string;
    close: string;
  };
  onClose: () => void;
};

/**
 * About & credits, one tap from home: the exhibition's sources, what every picture and voice is
 * (illustration, chart, synthesised narration …) and the licences of fonts and data. The only
 * visitor screen where provenance words belong.
 */
export function AboutPanel({ manifest, language, labels, onClose }: AboutPanelProps) {
  const about = manifest.about;
  const groups = useMemo(
    () => aboutGroups(manifest, language, labels.sandTable),
    [manifest, language, labels.sandTable],
  );
  const text = (t: Parameters<typeof localize>[0]) => localize(t, language, manifest.defaultLanguage);
  return (
    <div
      className="about-panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="about-title"
      data-testid="about-panel"
      data-credits=""
    >
      <div className="about-panel__sheet">
        <header className="about-panel__header">
          <h2 id="about-title" className="about-panel__title">
            {labels.title}
          </h2>
          <button
            type="button"
            className="button button--primary"
            onClick={onClose}
            data-testid="about-close"
          >
            {labels.close}
          </button>
        </header>
        {/* Focusable, so a keyboard (or a switch device) can scroll the long credits too. */}
        <div className="about-panel__scroll" tabIndex={0} role="region" aria-labelledby="about-title">
          {about && <Markdown text={text(about.text)} className="about-panel__text" />}
          {groups.length > 0 && (
            <section aria-label={labels.credits}>
              <h3 className="about-panel__heading">{labels.credits}</h3>
              {groups.map((g, i) => (
                <div className="about-panel__group" key={i} data-testid="about-credit">
                  <h4 className="about-panel__kind">{g.kind}</h4>
                  <p className="about-panel__source">
                    {labels.source}
                    {language.startsWith('zh') ? '：' : ': '}
                    {g.source}
                  </p>
                  <ul className="about-panel__items">
                    {g.items.map((item) => (
                      <li key={item.id} data-media-id={item.id}>
                        {item.label}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          )}
          {about && about.licences.length > 0 && (
            <section aria-label={labels.licences}>
              <h3 className="about-panel__heading">{labels.licences}</h3>
              <dl className="about-panel__licences">
                {about.licences.map((l, i) => (
                  <div key={i}>
                    <dt>{text(l.name)}</dt>
                    <dd>{text(l.terms)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
