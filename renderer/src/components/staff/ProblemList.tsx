import type { StaffProblem } from '../../../../electron/shared/staff-api';
import type { Language } from '../../i18n/language';
import { problemLine } from './format';

export type ProblemListProps = {
  problems: readonly StaffProblem[];
  language: Language;
  title?: string;
  testId?: string;
};

/** Problems as `file: rule: message`, errors first; nothing when there are none. */
export function ProblemList({ problems, language, title, testId = 'staff-problems' }: ProblemListProps) {
  if (problems.length === 0) return null;
  const sorted = [...problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return (
    <div className="staff-problems" role="alert" data-testid={testId}>
      {title !== undefined && <h3 className="staff-problems__title">{title}</h3>}
      <ul className="staff-problems__list">
        {sorted.map((p, i) => (
          <li
            key={`${p.code}-${p.file}-${i}`}
            className={`staff-problem staff-problem--${p.severity}`}
            data-code={p.code}
          >
            {problemLine(p, language)}
          </li>
        ))}
      </ul>
    </div>
  );
}
