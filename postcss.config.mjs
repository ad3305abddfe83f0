// Tailwind 4 through PostCSS (Next's built-in CSS pipeline picks this file up). The design
// tokens come from @oxide/design-system's CSS, imported in app/globals.css.
const config = {
  plugins: { "@tailwindcss/postcss": {} },
};

export default config;
