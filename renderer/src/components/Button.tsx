import type { ReactNode } from 'react';

export type ButtonProps = {
  children: ReactNode;
  onPress: () => void;
  variant?: 'primary' | 'quiet' | 'ghost';
  /** Accessible name when the visible content is an icon. */
  label?: string;
  pressed?: boolean;
  disabled?: boolean;
  className?: string;
  testId?: string;
};

/** The kiosk's button: a large touch target that acts on tap (click), never on hover. */
export function Button({
  children,
  onPress,
  variant = 'quiet',
  label,
  pressed,
  disabled,
  className,
  testId,
}: ButtonProps) {
  const classes = ['button', `button--${variant}`];
  if (className !== undefined) classes.push(className);
  return (
    <button
      type="button"
      className={classes.join(' ')}
      onClick={onPress}
      aria-label={label}
      aria-pressed={pressed}
      disabled={disabled}
      data-testid={testId}
    >
      {children}
    </button>
  );
}
