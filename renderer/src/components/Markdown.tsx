import type { ReactNode } from 'react';
import { useMemo } from 'react';
import type { MdBlock, MdInline } from '../../../electron/shared/markdown';
import { parseMarkdown } from '../../../electron/shared/markdown';

export type MarkdownProps = {
  /** Pack text in the markdown subset (already localized). */
  text: string;
  className?: string;
};

function inline(nodes: readonly MdInline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'strong':
        return <strong key={i}>{inline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(node.children)}</em>;
      case 'break':
        return <br key={i} />;
    }
  });
}

function block(node: MdBlock, i: number): ReactNode {
  switch (node.type) {
    case 'paragraph':
      return <p key={i}>{inline(node.children)}</p>;
    case 'heading':
      return node.level === 2 ? (
        <h2 key={i}>{inline(node.children)}</h2>
      ) : (
        <h3 key={i}>{inline(node.children)}</h3>
      );
    case 'list':
      return (
        <ul key={i}>
          {node.items.map((item, k) => (
            <li key={k}>{inline(item)}</li>
          ))}
        </ul>
      );
  }
}

/**
 * Renders the pack's markdown subset as React elements: never HTML strings, so `<b>` in a pack
 * text stays the characters `<b>`.
 */
export function Markdown({ text, className }: MarkdownProps) {
  const doc = useMemo(() => parseMarkdown(text), [text]);
  return (
    <div className={className === undefined ? 'markdown' : `markdown ${className}`}>
      {doc.blocks.map(block)}
    </div>
  );
}
