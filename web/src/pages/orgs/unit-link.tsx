import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';

/** A real link (keeps the list's filters) that opens a unit's detail drawer via `?unit=CODE`. */
export function UnitLink({ code, children }: { code: string; children?: ReactNode }) {
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  next.set('unit', code);
  return <Link to={{ search: `?${next.toString()}` }}>{children ?? code}</Link>;
}
