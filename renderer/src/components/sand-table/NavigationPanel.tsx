import type { PackManifest, Place } from '../../../../electron/shared/pack-schema';
import { localize } from '../../../../electron/shared/pack-schema';
import { linkTargetOf, navigationLink } from '../../sand-table/navigation-link';
import { QrCode } from './QrCode';
import type { SandT } from './strings';

/** 一键导航: the route drawn on the table from "you are here", and a QR code for the phone. */
export function NavigationPanel({
  manifest,
  place,
  language,
  t,
}: {
  manifest: PackManifest;
  place: Place;
  language: string;
  t: SandT;
}) {
  const fallback = manifest.defaultLanguage;
  const here = manifest.sandTable?.hereAt;
  const link = navigationLink(manifest, place, language);
  const address = localize(place.navigation?.address, language, fallback);
  return (
    <div className="place-nav" data-testid="place-nav">
      {here && (
        <p className="place-nav__route">
          {t('nav.routeShown', { here: localize(here.label, language, fallback) })}
        </p>
      )}
      {address && (
        <p className="place-nav__address">
          <span className="place-nav__label">{t('nav.address')}</span>
          {address}
        </p>
      )}
      <figure className="place-nav__qr">
        <QrCode text={link} size={240} label={t('nav.scan')} />
        <figcaption>
          <span className="place-nav__scan">{t('nav.scan')}</span>
          <span className="place-nav__opens" data-testid="nav-opens" data-target={linkTargetOf(link)}>
            {t(`nav.opens.${linkTargetOf(link)}`)}
          </span>
          <span className="place-nav__offline">{t('nav.offline')}</span>
        </figcaption>
      </figure>
    </div>
  );
}
