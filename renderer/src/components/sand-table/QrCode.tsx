import { useEffect, useRef } from 'react';
import QRCode from 'qrcode';
import { errorData, log } from '../../bridge/log';

/**
 * An offline QR code (npm `qrcode`, drawn on a canvas): dark on light with a quiet zone, so any
 * phone camera reads it off a large screen.
 */
export function QrCode({ text, size, label }: { text: string; size: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    QRCode.toCanvas(canvas, text, {
      errorCorrectionLevel: 'M',
      margin: 3,
      width: size,
      color: { dark: '#15110f', light: '#f6efe4' },
    }).catch((error: unknown) => log.warn('QR code failed', { text, ...errorData(error) }));
  }, [text, size]);
  return (
    <canvas
      ref={ref}
      className="qr-code"
      role="img"
      aria-label={label}
      data-testid="nav-qr"
      data-text={text}
    />
  );
}
