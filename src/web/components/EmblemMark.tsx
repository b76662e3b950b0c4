/** The sites' decorative mark (no external image): a blue seal with a gold star. */
export function EmblemMark({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 48 48" width="40" height="40" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="23" fill="#1f5faa" />
      <circle cx="24" cy="24" r="19" fill="none" stroke="#f5c242" strokeWidth="2" />
      <path
        fill="#f5c242"
        d="M24 10.5l3.5 10.2h10.8l-8.7 6.3 3.3 10.3L24 31l-8.9 6.3 3.3-10.3-8.7-6.3h10.8z"
      />
    </svg>
  );
}
