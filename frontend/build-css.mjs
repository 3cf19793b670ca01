// Builds the site's one stylesheet, build/static/css/cxkb.css (`npm run build:css`).
//
// The whole USWDS stylesheet is 527 kB (61 kB compressed) and a page uses about 3% of it, yet a
// browser must load all of it before it draws anything. PurgeCSS keeps only the rules whose
// classes and elements appear in our templates, scripts and Python (which sets form widgets'
// classes), plus the safelist below: classes that USWDS's JavaScript adds at run time, or that a
// template builds from data. Then GOV.UK's accessible-autocomplete CSS and our own site.css follow,
// whole: both are small and style markup written at run time. One file is one request. Fonts
// get font-display: optional (below).
//
// Why PurgeCSS rather than USWDS's own Sass build with only the needed packages: a package is the
// unit there, so every utility and modifier of a used component would stay (the utilities alone
// are most of the weight), and it needs a Sass toolchain and a USWDS theme setup to maintain. PurgeCSS
// works on the compiled dist/ that we already serve, selector by selector.
//
// tests/test_stylesheet.py checks that every USWDS class our templates use is in the output, and
// tests/test_browser.py that every USWDS rule matching an element of a rendered page is kept.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import postcss from "postcss";
import { PurgeCSS } from "purgecss";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const USWDS = join(ROOT, "node_modules/@uswds/uswds/dist/css/uswds.min.css");
const FOLLOWERS = [
  join(ROOT, "node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.css"),
  join(ROOT, "static/css/site.css"),
];
const OUTPUT = join(ROOT, "build/static/css/cxkb.css");

// Where class names are written: templates, our scripts, and Python (form widgets' classes).
const CONTENT = ["templates/**/*.html", "static/js/**/*.js", "**/*.py"];
const NOT_CONTENT = [".venv/**", "node_modules/**", "tests/**", "bench/**", "build/**"];

const SAFELIST = {
  standard: [
    // The banner's "Here's how you know" button (USWDS banner.js).
    "usa-banner__header--expanded",
    // The mobile menu (USWDS navigation.js): on <body>, and on the menu and its overlay.
    "usa-js-mobile-nav--active",
    "is-visible",
    "is-safari",
    // Rich text (kb/blocks.py RICH_TEXT_FEATURES) writes these elements, which no template spells out.
    "p", "b", "i", "a", "ol", "ul", "li",
  ],
  // templates/blocks/alert_block.html builds usa-alert--{{ kind }} from the block's choices.
  greedy: [/^usa-alert--/],
};

// USWDS's responsive utilities are named like "tablet:grid-col-6": keep the colon, and each part.
function extractTokens(content) {
  const tokens = content.match(/[A-Za-z0-9_:-]+/g) || [];
  return tokens.concat(tokens.flatMap((token) => token.split(":")));
}

// The output sits in css/, USWDS's own sheet in uswds/css/: its relative font and image URLs
// (../fonts/..., ../img/...) are rebased to reach the same files.
// (A walk run once: a visitor would see each changed declaration again, and rebase it again.)
const rebaseUswdsUrls = {
  postcssPlugin: "rebase-uswds-urls",
  Once(root) {
    root.walkDecls((declaration) => {
      declaration.value = declaration.value.replace(/url\((["']?)\.\.\//g, "url($1../uswds/");
    });
  },
};

// USWDS declares its fonts "font-display: fallback", which hides text for up to 100 ms while a
// font loads, then swaps the font in when it comes later and moves the text around. "optional"
// draws the text at once and uses a font only if it is there within that first moment (else the
// fallback face stays for that page view: nothing moves). base.html preloads the body font, so it
// is there on all but the slowest first visits, and it is cached for every page after.
const optionalFontDisplay = {
  postcssPlugin: "optional-font-display",
  Once(root) {
    root.walkAtRules("font-face", (rule) => {
      rule.walkDecls("font-display", (declaration) => {
        declaration.value = "optional";
      });
    });
  },
};

async function build() {
  const [purged] = await new PurgeCSS().purge({
    content: CONTENT.map((glob) => join(ROOT, glob)),
    skippedContentGlobs: NOT_CONTENT.map((glob) => join(ROOT, glob)),
    css: [{ raw: await readFile(USWDS, "utf8") }], // raw: NOT_CONTENT would skip a path in node_modules
    defaultExtractor: extractTokens,
    safelist: SAFELIST,
    fontFace: true,
    keyframes: true,
    variables: true,
  });
  // map: false drops the packages' sourceMappingURL comments: their maps are not served next to
  // the output, and Django's manifest storage refuses a reference to a file it cannot find.
  const parts = [await postcss([rebaseUswdsUrls, optionalFontDisplay]).process(purged.css, { from: USWDS, map: false })];
  for (const path of FOLLOWERS) {
    parts.push(await postcss([]).process(await readFile(path, "utf8"), { from: path, map: false }));
  }
  await mkdir(dirname(OUTPUT), { recursive: true });
  await writeFile(OUTPUT, parts.map((part) => part.css.trim()).join("\n") + "\n");
  console.log(`Built ${OUTPUT.slice(ROOT.length + 1)}`);
}

await build();
