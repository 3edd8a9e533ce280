import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "public/build/",
      ".cache/",
      "data/",
      "coverage/",
      "db/migrations/",
      "tests/e2e/screenshots/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "no-var": "off",
    },
  },
  // The layer table of DESIGN.md: machines/ imports only scenarios/; scenarios/ and db/ import nothing of ours;
  // routes reach machines/, db/ and scenarios/ only through app/**/*.server.ts modules.
  {
    files: ["scenarios/**/*.ts"],
    ignores: ["scenarios/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/machines/**", "**/app/**", "**/db/**", "**/tests/**"], message: "scenarios/ is a leaf layer: it imports nothing of ours (DESIGN.md, Layout)." }] }],
    },
  },
  {
    files: ["machines/**/*.ts"],
    ignores: ["machines/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/app/**", "**/db/**", "**/tests/**", "xstate/graph", "@remix-run/*", "@langchain/*", "postgres", "@electric-sql/*", "node:*"], message: "machines/ is pure domain logic: it imports only scenarios/ (DESIGN.md, Layout)." }] }],
    },
  },
  {
    files: ["db/**/*.ts"],
    ignores: ["db/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/app/**", "**/machines/**", "**/tests/**"], message: "db/ imports nothing of ours but scenarios/ (the library it seeds) (DESIGN.md, Layout)." }] }],
    },
  },
  {
    files: ["app/routes/**/*.tsx", "app/routes/**/*.ts", "app/components/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/machines/**", "**/db/**", "!**/db/constants", "**/scenarios/**"], message: "Routes and components reach machines/, db/ and scenarios/ only through app/**/*.server.ts modules (the classic compiler guards nothing outside app/)." }] }],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
    },
  },
);
