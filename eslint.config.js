import tseslint from 'typescript-eslint';

const rooms = ['idp', 'platform', 'admin', 'institution'];

/**
 * idp/, platform/, admin/, institution/ never import each other. What two rooms share lives in
 * a neutral module (shared/, db/, adapters/, security/, domain/, operator-auth/, reviews/, http/ …),
 * which any room may import and which imports no room.
 */
const boundaryRules = rooms.map((room) => ({
  files: [`src/server/${room}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: rooms
          .filter((other) => other !== room)
          .map((other) => ({ group: [`**/${other}/*`, `**/${other}`], message: `src/server/${room} must not import src/server/${other}: move shared code to a neutral module (shared/, db/, adapters/, security/, domain/, operator-auth/, reviews/, http/).` })),
      },
    ],
  },
}));

const neutralModules = ['db', 'adapters', 'security', 'domain', 'operator-auth', 'reviews', 'plugins', 'http'];
const neutralRules = {
  files: neutralModules.map((dir) => `src/server/${dir}/**/*.ts`),
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: rooms.map((room) => ({ group: [`**/${room}/*`], message: `A neutral module must not import the room src/server/${room}: rooms use it, not the other way round.` })) },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/results/**', 'test-results/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...boundaryRules,
  neutralRules,
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/web/**', 'node:*'], message: 'src/shared is imported by the browser too: no server, web or Node imports.' }] }] },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'The browser never imports server code.' }] }] },
  },
);
