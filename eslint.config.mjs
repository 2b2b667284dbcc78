// ESLint for the whole repository (`npm run lint`). Rooms and the direction of imports: docs/architecture.md.
// test/unit/architecture.test.ts stays the source of truth for the rooms; the import rules below mirror it
// so that an editor shows a crossing while it is typed.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ── The rooms' import rules ──────────────────────────────────────────────────────────────────────
// One `@typescript-eslint/no-restricted-imports` per room rather than eslint-plugin-boundaries:
// the architecture test matches import specifiers with regular expressions, and so do these (one to
// one, no module resolver to configure for extensionless TypeScript imports). `allowTypeImports`
// mirrors the test: for what runs (Node, Electron, main/ from the renderer) `import type` loads nothing
// and does not count; for the direction of the code (the contract, the PowerShell layer, test code) a
// type import is an arrow too. A file takes the rule of the last block that matches it, so every room
// lists all of its restrictions. `import()` and `require()` are left to the architecture test.

const NODE_BUILTINS = {
  regex: `^(node:|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/|$))`,
  message: 'shared/ and renderer/ run without Node: no Node built-ins here (test/unit/architecture.test.ts).',
};
const ELECTRON = {
  regex: '^(electron|electron-store)$',
  message: 'Only main/app and main/preload import electron and electron-store (test/unit/architecture.test.ts).',
};
const MAIN_OR_RENDERER = {
  regex: '(^|/)(main|renderer)/',
  message: 'shared/ runs anywhere: nothing from main/ or renderer/ (test/unit/architecture.test.ts).',
};
const MAIN = {
  regex: '(^|/)main/',
  message: 'The renderer talks to main only through shared/contract and the preload bridge (test/unit/architecture.test.ts).',
};
const CONTRACT = {
  regex: '(^|/)contract/|-channels$',
  message: 'The domain does not know the IPC contract: shared/contract and the *-channels.ts files import the domain, not the other way (test/unit/architecture.test.ts).',
  allowTypeImports: false,
};
const CONTRACT_BEYOND_CHANNEL = {
  regex: '(^|/)contract/(?!channel$)',
  message: "A feature's channel file declares its channels with shared/contract/channel.ts and nothing more of the contract (test/unit/architecture.test.ts).",
  allowTypeImports: false,
};
const SERVICES = {
  regex: '(^|/)services/',
  message: 'main/powershell (and main/ports.ts) sit below the services and know none of them (test/unit/architecture.test.ts).',
  allowTypeImports: false,
};
const TEST_CODE = {
  regex: '(^|/)test/',
  message: 'The org builder and the other test helpers stay outside the shipped code (test/unit/architecture.test.ts).',
  allowTypeImports: false,
};

function restrictImports(...patterns) {
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ allowTypeImports: true, ...p, caseSensitive: true })) }],
  };
}

const TS = '**/*.{ts,tsx,mts,cts}';

export default defineConfig(
  // Built, installed or data: assets/ holds PowerShell and C# and the lab org, test/fixtures captured cmdlet output.
  globalIgnores(['out/', 'node_modules/', 'test-results/', '.tools/', 'assets/', 'test/fixtures/', '.umc-test-*/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    // Registered for every file: the rooms' import rules also apply to the .mjs scripts.
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  js.configs.recommended,
  {
    files: [TS],
    extends: [tseslint.configs.recommended],
  },
  {
    files: [TS],
    rules: {
      // A leading underscore marks a parameter or binding kept for its position (callbacks, destructuring).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    rules: {
      // Control characters in patterns are the point: SIP header and contact field validation refuse them,
      // the PowerShell host strips ANSI colour escapes (\x1b) from console lines.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Tests read untyped wire output field by field (PowerShell host frames, lab JSON, the page's `window.umc`);
      // a declared type there would restate what the assertions check.
      '@typescript-eslint/no-explicit-any': 'off',
      // Tests match column-aligned CLI output: the literal run of spaces is what the user sees.
      'no-regex-spaces': 'off',
    },
  },

  // ── Globals per room ──
  {
    files: ['main/**', 'scripts/**', 'bench/**', 'test/**', 'bin/**', '*.{mjs,cjs,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // TypeScript checks names in .ts/.tsx files (no-undef is off there), with @types/node project-wide: the
    // Node globals are refused here by name, since the renderer's page has none (sandboxed, no Node).
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
          name,
          message: 'The renderer runs in a sandboxed page without Node (test/unit/architecture.test.ts).',
        })),
      ],
    },
  },
  {
    // shared/ has no globals of its own; TypeScript's DOM lib and @types/node are project-wide, so the DOM
    // and Node globals are refused here by name, as the architecture test refuses `window.` and `document.`.
    files: ['shared/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'shared/ runs anywhere: no DOM and no Node globals (test/unit/architecture.test.ts).',
        })),
      ],
    },
  },
  {
    // Browser tests run code inside the page (page.evaluate callbacks): both sets of globals are real there.
    files: ['test/browser/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },

  // ── React ──
  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // The hooks reset what derives from their inputs when the inputs change (loading state, page size, a
      // resolved focus) inside the effect that reacts to the change, on purpose; the rule is written for the
      // React Compiler, which this build (esbuild) does not run.
      'react-hooks/set-state-in-effect': 'off',
    },
  },

  // ── The rooms' import rules (see the top of this file) ──
  { files: ['shared/**'], rules: restrictImports(NODE_BUILTINS, ELECTRON, MAIN_OR_RENDERER, TEST_CODE, CONTRACT) },
  // A feature's channels (shared/<feature>/<feature>-channels.ts) are the contract's part beside the feature.
  { files: ['shared/**/*-channels.ts'], rules: restrictImports(NODE_BUILTINS, ELECTRON, MAIN_OR_RENDERER, TEST_CODE, CONTRACT_BEYOND_CHANNEL) },
  { files: ['shared/contract/**'], rules: restrictImports(NODE_BUILTINS, ELECTRON, MAIN_OR_RENDERER, TEST_CODE) },
  { files: ['main/**'], ignores: ['main/app/**', 'main/preload/**'], rules: restrictImports(ELECTRON, TEST_CODE) },
  { files: ['main/app/**', 'main/preload/**'], rules: restrictImports(TEST_CODE) },
  { files: ['main/powershell/**', 'main/ports.ts'], rules: restrictImports(ELECTRON, TEST_CODE, SERVICES) },
  { files: ['renderer/**'], rules: restrictImports(NODE_BUILTINS, ELECTRON, MAIN, TEST_CODE) },
  { files: ['test/**', 'bench/**', 'scripts/**'], rules: restrictImports(ELECTRON) },

  // Last: turns off the stylistic rules Prettier owns.
  prettier,
);
