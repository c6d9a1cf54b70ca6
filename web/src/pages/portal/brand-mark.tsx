/** The square "质" logo used in headers. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-grid',
        placeItems: 'center',
        width: size,
        height: size,
        flex: 'none',
        borderRadius: 6,
        background: '#c41d2f',
        color: '#fff',
        fontWeight: 700,
        fontSize: size * 0.56,
        lineHeight: 1,
      }}
    >
      质
    </span>
  );
}
