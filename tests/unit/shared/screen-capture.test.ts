import { describe, expect, it } from 'vitest';
import {
  orientationOf,
  parseOrientation,
  SCREEN_CAPTURE_EVERY_MS,
  screenCaptureDue,
  screenCaptureFile,
  screenCaptureScale,
} from '../../../electron/shared/screen-capture';

describe('the staff heatmap picture of the visitor screen', () => {
  const now = 1_800_000_000_000;
  it('is due with none, after the interval, and when the clock went back', () => {
    expect(screenCaptureDue(null, now)).toBe(true);
    expect(screenCaptureDue(now - SCREEN_CAPTURE_EVERY_MS + 1, now)).toBe(false);
    expect(screenCaptureDue(now - SCREEN_CAPTURE_EVERY_MS, now)).toBe(true);
    expect(screenCaptureDue(now + 60_000, now)).toBe(true);
  });
  it('is scaled to a 640 px long side, never enlarged', () => {
    expect(screenCaptureScale(1920, 1080)).toBeCloseTo(1 / 3);
    expect(screenCaptureScale(1080, 1920)).toBeCloseTo(1 / 3);
    expect(screenCaptureScale(3840, 2160)).toBeCloseTo(1 / 6);
    expect(screenCaptureScale(320, 200)).toBe(1);
    expect(screenCaptureScale(0, 0)).toBe(1);
  });
  it('names only the two orientations, as the heat grid does', () => {
    expect(parseOrientation('landscape')).toBe('landscape');
    expect(parseOrientation('portrait')).toBe('portrait');
    expect(parseOrientation('../../etc/passwd')).toBeNull();
    expect(parseOrientation(undefined)).toBeNull();
    expect(orientationOf(1920, 1080)).toBe('landscape');
    expect(orientationOf(1000, 1000)).toBe('landscape');
    expect(orientationOf(1080, 1920)).toBe('portrait');
    expect(screenCaptureFile('portrait')).toBe('analytics/screens/portrait.jpg');
  });
});
